using System.Text;

namespace UsabilityLab.Core.Scripts;

/// <summary>A test document to upload: its name, its type and its bytes.</summary>
public sealed record TestFile(string Name, string MimeType, byte[] Content);

/// <summary>
/// The small, valid test documents an <c>upload</c> action chooses, made from the file name's
/// extension: a one-page PDF, a 1×1 PNG, or a line of text. They carry no personal data.
/// </summary>
public static class TestFiles
{
    /// <summary>The extensions a test file can be made for.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".pdf", ".png", ".txt"];

    public static bool IsKnown(string fileName) =>
        !string.IsNullOrWhiteSpace(Path.GetFileNameWithoutExtension(fileName))
        && fileName.IndexOfAny(['/', '\\']) < 0
        && Extensions.Contains(Path.GetExtension(fileName).ToLowerInvariant());

    public static TestFile For(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".pdf" => new TestFile(fileName, "application/pdf", Pdf()),
            ".png" => new TestFile(fileName, "image/png", Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")),
            ".txt" => new TestFile(fileName, "text/plain", Encoding.UTF8.GetBytes("Testdokument fra UsabilityLab. Indeholder ingen personoplysninger.\n")),
            _ => throw new ArgumentException($"No test file can be made for '{fileName}'.", nameof(fileName)),
        };
    }

    /// <summary>A minimal one-page PDF with its cross-reference table, which readers open without complaint.</summary>
    private static byte[] Pdf()
    {
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length 60 >>\nstream\nBT /F1 18 Tf 72 760 Td (Testdokument fra UsabilityLab) Tj ET\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
