using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Core.Tests;

public class TestFilesTests
{
    [Test]
    public void For_Pdf_IsAWholePdfWhoseCrossReferencesPointAtItsObjects()
    {
        var file = TestFiles.For("lejekontrakt.pdf");
        var text = Encoding.ASCII.GetString(file.Content);
        var offsets = Regex.Matches(text, @"^(\d{10}) 00000 n $", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var startXref = int.Parse(Regex.Match(text, @"startxref\n(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);

        Assert.Multiple(() =>
        {
            Assert.That(file.MimeType, Is.EqualTo("application/pdf"));
            Assert.That(text, Does.StartWith("%PDF-1.4").And.EndWith("%%EOF\n"));
            Assert.That(offsets.Select((offset, i) => text[offset..].StartsWith($"{i + 1} 0 obj", StringComparison.Ordinal)), Is.All.True);
            Assert.That(text[startXref..], Does.StartWith("xref"));
        });
    }

    [Test]
    public void For_Png_HasThePngSignature() =>
        Assert.That(TestFiles.For("bilag.png").Content.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));

    [TestCase("lejekontrakt.pdf", true)]
    [TestCase("Bilag.PNG", true)]
    [TestCase("noter.txt", true)]
    [TestCase("program.exe", false)]
    [TestCase("../hemmelig.pdf", false)]
    [TestCase(".pdf", false)]
    public void IsKnown_OnlyPlainNamesOfKindsItCanMake(string name, bool known) =>
        Assert.That(TestFiles.IsKnown(name), Is.EqualTo(known));
}
