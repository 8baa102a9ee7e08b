using System.CommandLine;
using Spectre.Console;
using UsabilityLab.Browser;
using UsabilityLab.Browser.Scan;
using UsabilityLab.Core;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scans;
using UsabilityLab.Data;

namespace UsabilityLab.Cli.Commands;

/// <summary>
/// <c>usabilitylab scan</c>: every page of a site, not only the task's. Each page is audited on its
/// own with the checks that make sense on one page, stored as a one-page audit under the scan, and
/// the scan gets one summary report where a problem of the shared template counts once.
/// </summary>
internal static class ScanCommand
{
    /// <summary>How many pages a sitemap or a crawl reads when --max-pages is not given.</summary>
    public const int DefaultMaxPages = 200;

    public static Command Create(IAnsiConsole console)
    {
        var common = new CommonOptions();
        var urls = new Argument<string[]>("adresser")
        {
            Description = "Siderne, der skal undersøges (fulde http- eller https-adresser).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var file = new Option<string?>("--file") { Description = "En tekstfil med én adresse pr. linje (# for kommentarer).", HelpName = "fil" };
        var sitemap = new Option<string?>("--sitemap") { Description = "Sidens sitemap (sitemap.xml eller et sitemap-indeks): alle dens sider på samme oprindelse, som robots.txt tillader.", HelpName = "adresse" };
        var crawl = new Option<string?>("--crawl") { Description = "Start her og følg links på samme oprindelse (skema, vært og port), som robots.txt tillader, til --max-pages.", HelpName = "adresse" };
        var maxPages = new Option<int>("--max-pages")
        {
            Description = $"Højst så mange sider (standard {DefaultMaxPages}). Flere fundne adresser tælles, men undersøges ikke.",
            DefaultValueFactory = _ => DefaultMaxPages,
            HelpName = "antal",
        };
        var vendor = new Option<string?>("--vendor") { Description = "Leverandøren, siderne hører til. Standard: sidens vært.", HelpName = "navn" };
        var name = new Option<string?>("--name") { Description = "Sidens navn i rapporter og workbenchen. Standard: værten, fx kommune.dk.", HelpName = "navn" };
        var checklist = new Option<string?>("--checklist", "-c") { Description = $"Tjeklisten (YAML). Standard: checklists/{LabPaths.DefaultChecklistName}; dens tjek for én side bruges.", HelpName = "fil" };
        var parallel = ParallelOption.Create();
        parallel.Description = "Hvor mange sider der undersøges på én gang, hver i sin egen fane og browserkontekst på samme Chromium. " + parallel.Description![(parallel.Description!.IndexOf('(', StringComparison.Ordinal))..];

        var command = new Command("scan", "Undersøg mange sider af en løsning, hver for sig: axe-core og tjekkene for én side (titel, sprog og zoom, klart sprog, inputformål, 320 px, tastaturfælder, skjult fokus, kun-mus-elementer, fokusrækkefølge). Fælles fejl fra skabelonen tælles én gang. Eksempler:\n  usabilitylab scan https://kommune.dk/a https://kommune.dk/b\n  usabilitylab scan --file adresser.txt\n  usabilitylab scan --sitemap https://kommune.dk/sitemap.xml --max-pages 300\n  usabilitylab scan --crawl https://kommune.dk/ --max-pages 50");
        command.Arguments.Add(urls);
        command.Options.Add(file);
        command.Options.Add(sitemap);
        command.Options.Add(crawl);
        command.Options.Add(maxPages);
        command.Options.Add(vendor);
        command.Options.Add(name);
        command.Options.Add(checklist);
        command.Options.Add(parallel);
        common.AddTo(command);
        command.Validators.Add(result =>
        {
            var given = (result.GetValue(urls)?.Length > 0 ? 1 : 0) + new[] { file, sitemap, crawl }.Count(o => result.GetValue(o) is not null);
            if (given != 1)
            {
                result.AddError("Angiv siderne på én måde: adresser, --file, --sitemap eller --crawl.");
            }
        });
        maxPages.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 100_000)
            {
                result.AddError("--max-pages skal ligge mellem 1 og 100000.");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            // Everything the reviewer wrote is checked before a browser or the database is touched.
            var checklistData = ChecklistParser.Load(parse.GetValue(checklist) ?? LabPaths.DefaultChecklist());
            var limit = parse.GetValue(maxPages);
            using var targets = new ScanTargets();
            List<string> start;
            string source;
            var useRobots = false;
            if (parse.GetValue(crawl) is { } from)
            {
                start = [ScanTargets.Checked(from, new SourcePosition("--crawl", 1, 1))];
                source = $"gennemgang af links fra {start[0]} (højst {limit} sider)";
                useRobots = true;
            }
            else if (parse.GetValue(sitemap) is { } map)
            {
                var checkedMap = ScanTargets.Checked(map, new SourcePosition("--sitemap", 1, 1));
                var (pages, elsewhere) = await targets.SitemapAsync(checkedMap, limit, cancellationToken);
                if (elsewhere > 0)
                {
                    console.MarkupLine($"[grey]{elsewhere} adresser i sitemappet ligger på en anden oprindelse og er sprunget over.[/]");
                }

                start = pages.Count > 0 ? pages : throw new InputException(new SourcePosition(checkedMap, 1, 1), "Sitemappet har ingen sider på sin egen oprindelse.");
                source = $"sitemap {checkedMap} ({start.Count} sider)";
                useRobots = true;
            }
            else if (parse.GetValue(file) is { } listFile)
            {
                start = ScanTargets.ReadFile(listFile);
                source = $"{start.Count} adresser fra {Path.GetFileName(listFile)}";
            }
            else
            {
                start = [.. parse.GetValue(urls)!.Select((u, i) => ScanTargets.Checked(u, new SourcePosition("adresse", i + 1, 1)))];
                source = start.Count == 1 ? start[0] : $"{start.Count} adresser";
            }

            // robots.txt is read for what the scan finds by itself (a crawl, a sitemap); addresses the reviewer names are theirs to choose.
            var robots = new Dictionary<string, RobotsTxt>(StringComparer.OrdinalIgnoreCase);
            if (useRobots)
            {
                foreach (var origin in start.Select(u => ScanFrontier.Origin(new Uri(u))).Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    robots[origin] = await targets.RobotsAsync(origin, cancellationToken);
                }
            }

            var frontier = new ScanFrontier(start, limit, uri => !robots.TryGetValue(ScanFrontier.Origin(uri), out var rules) || rules.Allows(uri.PathAndQuery));
            if (frontier.Planned == 0)
            {
                console.MarkupLine("[yellow]Ingen side at undersøge: robots.txt beder om, at de angivne sider ikke besøges.[/]");
                return ExitCodes.CouldNotRun;
            }

            var host0 = new Uri(start[0]).Host;
            var settings = new ScanSettings(checklistData, parse.GetValue(vendor) ?? host0, parse.GetValue(name) ?? host0, Guid.NewGuid(), parse.GetValue(parallel), parse.GetValue(crawl) is not null);
            var paths = common.Paths(parse);
            await using var host = await BrowserHost.StartAsync(common.BrowserOptionsFrom(parse), cancellationToken);
            console.MarkupLine($"[grey]Chromium {Markup.Escape(host.Version)} ({Markup.Escape(host.Candidate.Source)}) · database {Markup.Escape(LabDatabase.Display(paths.Database))} · {settings.Parallel} ad gangen[/]");
            console.MarkupLine($"Scanning af [bold]{Markup.Escape(settings.SiteName)}[/]: {Markup.Escape(source)}");
            var outcome = await ScanRun.RunAsync(console, paths, host, frontier, settings, source, !parse.GetValue(common.NoPdf), cancellationToken);
            ScanRun.Write(console, outcome);
            return outcome.Summary.PagesOpened > 0 ? ExitCodes.Done : ExitCodes.CouldNotRun;
        });
        return command;
    }
}
