namespace UsabilityLab.Core.Tests;

public class AtomicFileTests
{
    [Test]
    public async Task WriteAllBytesAsync_ReplacesTheFile_AndLeavesNoTemporaryFile()
    {
        var folder = Directory.CreateTempSubdirectory("usabilitylab-atomic-");
        try
        {
            var path = Path.Combine(folder.FullName, "rapport.html");
            await AtomicFile.WriteAllBytesAsync(path, [1, 2, 3]);
            await AtomicFile.WriteAllBytesAsync(path, [4, 5]);

            Assert.Multiple(() =>
            {
                Assert.That(File.ReadAllBytes(path), Is.EqualTo(new byte[] { 4, 5 }));
                Assert.That(folder.GetFiles().Select(f => f.Name), Is.EqualTo(new[] { "rapport.html" }));
            });
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public void WriteAllBytesAsync_FolderMissing_ThrowsAndWritesNothing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"findes-ikke-{Guid.NewGuid():N}", "fil.bin");

        Assert.ThrowsAsync<DirectoryNotFoundException>(() => AtomicFile.WriteAllBytesAsync(path, [1]));
        Assert.That(Directory.Exists(Path.GetDirectoryName(path)), Is.False);
    }
}
