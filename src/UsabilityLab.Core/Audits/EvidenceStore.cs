using System.Security.Cryptography;

namespace UsabilityLab.Core.Audits;

/// <summary>Where evidence files (screenshots) live. Behind an interface so tests can point it anywhere.</summary>
public interface IEvidenceStore
{
    /// <summary>Absolute root folder of the store.</summary>
    string Root { get; }

    /// <summary>Stores a file for an audit and returns its evidence record (not yet saved in the database).</summary>
    Task<Evidence> SaveAsync(Guid auditId, string fileName, byte[] content, string contentType, int width, int height, CancellationToken cancellationToken = default);

    /// <summary>Reads a stored file back.</summary>
    Task<byte[]> ReadAsync(Evidence evidence, CancellationToken cancellationToken = default);
}

/// <summary>
/// Evidence on disk under <c>&lt;root&gt;/&lt;audit id&gt;/</c>, written with <see cref="AtomicFile"/>,
/// so a file that exists is never half-written.
/// </summary>
public sealed class FileEvidenceStore(string root) : IEvidenceStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task<Evidence> SaveAsync(Guid auditId, string fileName, byte[] content, string contentType, int width, int height, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (fileName.Contains('/', StringComparison.Ordinal) || fileName.Contains('\\', StringComparison.Ordinal) || fileName.StartsWith('.'))
        {
            throw new ArgumentException($"Evidence file name '{fileName}' must be a plain file name.", nameof(fileName));
        }

        var relative = $"{auditId:N}/{fileName}";
        var target = Path.Combine(Root, auditId.ToString("N"), fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await AtomicFile.WriteAllBytesAsync(target, content, cancellationToken);

        return new Evidence
        {
            AuditId = auditId,
            RelativePath = relative,
            ContentType = contentType,
            Bytes = content.LongLength,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Width = width,
            Height = height,
        };
    }

    public Task<byte[]> ReadAsync(Evidence evidence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var path = Path.GetFullPath(Path.Combine(Root, evidence.RelativePath));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Evidence path '{evidence.RelativePath}' points outside the evidence folder.");
        }

        return File.ReadAllBytesAsync(path, cancellationToken);
    }
}
