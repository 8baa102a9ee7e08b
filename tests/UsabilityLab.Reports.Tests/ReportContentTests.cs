using System.Text;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Reports.Tests;

public class ReportContentTests
{
    [Test]
    public void FlawedVendorReport_IsInDanishWithVerdictScoresFindingsAndManualCriteria()
    {
        var html = ReportFixture.Html(ReportFixture.FlawedReport);

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
            Assert.That(html, Does.Contain("<html lang=\"da\">"));
            Assert.That(html, Does.Contain("Blokform ApS"));
            Assert.That(html, Does.Contain("Opgaven kunne ikke gennemføres: Trin 5: Kvittering – forventningen blev ikke opfyldt."));
            Assert.That(html, Does.Contain("Score pr. område"));
            Assert.That(html, Does.Contain("Fund efter område"));
            Assert.That(html, Does.Contain("<h3 class=\"niveau\">Tilgængelighed ("));
            Assert.That(html, Does.Contain("Fundet af UsabilityLabs kontrol (reflow/vandret-rulning)"));
            Assert.That(html, Does.Contain("<strong>Målt:</strong> LIX "));
            Assert.That(html, Does.Contain("Sådan retter I det:"));
            Assert.That(html, Does.Contain("WCAG 1.1.1 · EN 9.1.1.1"), "the EN 301 549 clause beside the WCAG number");
            Assert.That(html, Does.Contain("Borgeren skal skrive det samme igen"), "the planted WCAG 3.3.7 problem");
            Assert.That(html, Does.Contain("Hjælpen står et andet sted end på de andre trin"), "the planted WCAG 3.2.6 problem");
            Assert.That(html, Does.Contain("Gennemgangsenhedens vurdering"));
            Assert.That(html, Does.Contain("Ikke vurderet endnu"));
            Assert.That(html, Does.Contain("K01 Startsiden forbereder borgeren"));
            Assert.That(html, Does.Contain("KL&#x27;s tjekliste for selvbetjeningsløsninger, version 2026.1").Or.Contain("KL's tjekliste for selvbetjeningsløsninger, version 2026.1"));
        });
    }

    [Test]
    public void FlawedVendorReport_ShowsEveryFindingsFingerprintOnce()
    {
        var html = ReportFixture.Html(ReportFixture.FlawedReport);
        var shown = ReportFixture.Flawed.Findings
            .GroupBy(f => (f.CriterionId, f.RuleId))
            .SelectMany(g => g.OrderBy(f => f.StepIndex).ThenBy(f => f.Selector, StringComparer.Ordinal).Take(12))
            .Select(f => f.Fingerprint);

        Assert.That(shown, Has.All.Matches<string>(fingerprint => html.Contains(fingerprint, StringComparison.Ordinal)));
    }

    [Test]
    public void FlawedVendorReport_EmbedsEachScreenshotOnce()
    {
        var html = ReportFixture.Html(ReportFixture.FlawedReport);
        var screenshots = ReportFixture.Flawed.Evidence;

        Assert.Multiple(() =>
        {
            Assert.That(screenshots, Is.Not.Empty);
            foreach (var evidence in screenshots)
            {
                Assert.That(CountOf(html, $".skaermbillede-{evidence.Id}{{background-image:url(data:image/jpeg;base64,"), Is.EqualTo(1));
            }
        });
    }

    [Test]
    public void WellMadeStepsAndFailures_AreListed()
    {
        var html = ReportFixture.Html(ReportFixture.FlawedReport);

        Assert.Multiple(() =>
        {
            foreach (var step in ReportFixture.Flawed.Steps)
            {
                Assert.That(html, Does.Contain($"Trin {step.Index + 1}: {step.Name}"));
            }

            Assert.That(html, Does.Contain("Fejlede"));
        });
    }

    /// <summary>The PDF a vendor receives is itself accessible: tagged, with an outline, and short enough to read.</summary>
    [Test]
    public void Pdf_IsTaggedWithAnOutline_AndGroupsTheFlawedDemoOnAFewPages()
    {
        var bytes = File.ReadAllBytes(ReportFixture.FlawedReport.PdfPath!);
        var text = Encoding.Latin1.GetString(bytes);
        var pages = System.Text.RegularExpressions.Regex.Count(text, @"/Type\s*/Page[^s]");

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("/StructTreeRoot"), "tagged: a structure tree");
            Assert.That(text, Does.Contain("/MarkInfo"), "tagged: marked content");
            Assert.That(text, Does.Contain("/Outlines"), "an outline from the headings");
            Assert.That(text, Does.Contain("/Lang"), "the document's language");
            Assert.That(pages, Is.InRange(3, 30), "one card per problem, screenshots once in the appendix (it was 54 pages)");
        });
    }

    [Test]
    public void FlawedVendorReport_ListsEachProblemOnce_WithItsCount_AndTheStepsInAnAppendix()
    {
        var html = ReportFixture.Html(ReportFixture.FlawedReport);
        var groups = ReportFixture.Flawed.Findings.GroupBy(f => (f.CriterionId, f.RuleId)).ToList();

        Assert.Multiple(() =>
        {
            foreach (var group in groups)
            {
                Assert.That(CountOf(html, $"<h4 id=\"fund-{group.Key.CriterionId}-{group.Key.RuleId}\">"), Is.EqualTo(1), group.Key.RuleId);
                Assert.That(html, Does.Contain($"href=\"#fund-{group.Key.CriterionId}-{group.Key.RuleId}\""), "the overview links to the problem");
            }

            Assert.That(html.IndexOf("Bilag: trin for trin", StringComparison.Ordinal), Is.GreaterThan(html.IndexOf("Gennemgangsenhedens vurdering", StringComparison.Ordinal)));
        });
    }

    [Test]
    public void Pdf_IsWrittenBesideTheHtml()
    {
        var pdf = ReportFixture.FlawedReport.PdfPath;

        Assert.That(pdf, Is.Not.Null);
        var bytes = File.ReadAllBytes(pdf!);
        Assert.Multiple(() =>
        {
            Assert.That(Encoding.ASCII.GetString(bytes, 0, 5), Is.EqualTo("%PDF-"));
            Assert.That(bytes, Has.Length.GreaterThan(20_000));
            Assert.That(Path.GetFileNameWithoutExtension(pdf), Is.EqualTo(Path.GetFileNameWithoutExtension(ReportFixture.FlawedReport.HtmlPath)));
        });
    }

    [Test]
    public void FileName_NamesVendorTaskDateAndAudit()
    {
        var name = ReportWriter.FileName(ReportFixture.Flawed);

        Assert.That(name, Does.Match(@"^blokform-aps_anmeld-flytning_\d{4}-\d{2}-\d{2}_[0-9a-f]{8}$"));
    }

    /// <summary>Half past midnight on 1 December in Denmark is still 30 November in UTC: names and exports follow the Danish day the pages show.</summary>
    [Test]
    public void FileNameAndExportTimes_AreDanishTime_LikeThePages()
    {
        var justAfterMidnight = new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero);
        var summer = new DateTimeOffset(2026, 6, 30, 22, 15, 0, TimeSpan.Zero);

        Assert.Multiple(() =>
        {
            Assert.That(ReportFormat.IsoDay(justAfterMidnight), Is.EqualTo("2026-12-01"));
            Assert.That(ReportFormat.IsoMoment(justAfterMidnight), Is.EqualTo("2026-12-01T00:30:00+01:00"));
            Assert.That(ReportFormat.IsoMoment(summer), Is.EqualTo("2026-07-01T00:15:00+02:00"));
            Assert.That(ReportFormat.Date(justAfterMidnight), Is.EqualTo("1. december 2026 kl. 00.30"));
        });
    }

    [Test]
    public void CropFor_CentresTheMarkedElementAndUsesInvariantNumbers()
    {
        var image = new ReportImage("x", "data:", 1280, 3000);

        var crop = ReportFormat.CropFor(image, new ElementBox(100.5, 2000, 200, 50), 640, 240);

        Assert.Multiple(() =>
        {
            Assert.That(crop.FrameStyle, Is.EqualTo("width:640px;height:240px;background-size:640px auto;background-position:0 -892.5px;"));
            Assert.That(crop.MarkerStyle, Does.StartWith("left:47.3px;top:104.5px;width:106px;height:31px;"));
        });
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var index = text.IndexOf(part, StringComparison.Ordinal); index >= 0; index = text.IndexOf(part, index + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
