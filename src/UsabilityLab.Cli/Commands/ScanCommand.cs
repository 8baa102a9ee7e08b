using System.CommandLine;
using Spectre.Console;
using UsabilityLab.Browser;
using UsabilityLab.Browser.Scan;
using UsabilityLab.Core;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scans;
using UsabilityLab.Data;
using UsabilityLab.Jobs;

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
        var queue = new Option<bool>("--queue")
        {
            Description = "Læg scanningen i køen i PostgreSQL-databasen i stedet for at køre den her; en worker ('usabilitylab worker') tager den. Kræver --db med en PostgreSQL-forbindelse.",
        };
        var schedule = new Option<string?>("--schedule")
        {
            Description = "Planlæg scanningen, så workerne kører den igen og igen: cron i dansk tid (minut, time, dag, måned, ugedag), fx \"0 6 * * 1\" for mandage kl. 6. Hver kørsel sammenlignes med den forrige scanning af samme navn. Én plan pr. --name; en ny plan med samme navn erstatter den gamle. Kræver PostgreSQL.",
            HelpName = "cron",
        };
        var notify = new Option<string?>("--notify")
        {
            Description = "Med --schedule: e-mail, der får besked, når en kørsel finder nye kritiske problemer eller sider, der ikke længere kan åbnes (SMTP-indstillinger i miljøet, se README).",
            HelpName = "e-mail",
        };
        var parallel = ParallelOption.Create();
        parallel.Description = "Hvor mange sider der undersøges på én gang, hver i sin egen fane og browserkontekst på samme Chromium. " + parallel.Description![(parallel.Description!.IndexOf('(', StringComparison.Ordinal))..];

        var command = new Command("scan", "Undersøg mange sider af en løsning, hver for sig: axe-core og tjekkene for én side (titel, sprog og zoom, klart sprog, inputformål, 320 px, tastaturfælder, skjult fokus, kun-mus-elementer, fokusrækkefølge). Fælles fejl fra skabelonen tælles én gang. Eksempler:\n  usabilitylab scan https://kommune.dk/a https://kommune.dk/b\n  usabilitylab scan --file adresser.txt\n  usabilitylab scan --sitemap https://kommune.dk/sitemap.xml --max-pages 300\n  usabilitylab scan --crawl https://kommune.dk/ --max-pages 50\n  usabilitylab scan --sitemap https://kommune.dk/sitemap.xml --db \"Host=db;...\" --schedule \"0 6 * * 1\" --notify anmelder@kl.dk");
        command.Arguments.Add(urls);
        command.Options.Add(file);
        command.Options.Add(sitemap);
        command.Options.Add(crawl);
        command.Options.Add(maxPages);
        command.Options.Add(vendor);
        command.Options.Add(name);
        command.Options.Add(checklist);
        command.Options.Add(parallel);
        command.Options.Add(queue);
        command.Options.Add(schedule);
        command.Options.Add(notify);
        common.AddTo(command);
        common.RequireServer(command, "--queue og --schedule lægger scanningen i køen i en PostgreSQL-database, som workerne deler",
            result => result.GetValue(queue) || result.GetValue(schedule) is not null);
        command.Validators.Add(result =>
        {
            var given = (result.GetValue(urls)?.Length > 0 ? 1 : 0) + new[] { file, sitemap, crawl }.Count(o => result.GetValue(o) is not null);
            if (given != 1)
            {
                result.AddError("Angiv siderne på én måde: adresser, --file, --sitemap eller --crawl.");
            }
        });
        command.Validators.Add(result =>
        {
            if (result.GetValue(notify) is { } to && result.GetValue(schedule) is null)
            {
                result.AddError("--notify gælder kun en planlagt scanning: angiv også --schedule.");
            }
            else if (result.GetValue(notify) is { } address && !System.Net.Mail.MailAddress.TryCreate(address, out _))
            {
                result.AddError($"--notify {address} er ikke en e-mailadresse.");
            }

            if (result.GetValue(queue) && result.GetValue(schedule) is not null)
            {
                result.AddError("Angiv enten --queue (én gang nu) eller --schedule (igen og igen), ikke begge.");
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
            var checklistPath = parse.GetValue(checklist) ?? LabPaths.DefaultChecklist();
            var checklistData = ChecklistParser.Load(checklistPath);
            var limit = parse.GetValue(maxPages);
            var (kind, addresses, describedAs) = Addresses(parse, urls, file, sitemap, crawl);
            var host0 = new Uri(addresses[0]).Host;
            var vendorName = parse.GetValue(vendor) ?? host0;
            var siteName = parse.GetValue(name) ?? host0;
            if (parse.GetValue(queue) || parse.GetValue(schedule) is not null)
            {
                var order = new ScanOrder(kind, addresses, limit, describedAs, vendorName, siteName, Path.GetFileName(checklistPath), checklistData.SourceText,
                    parse.GetValue(parallel), parse.GetValue(notify), $"{Environment.UserName} (kommandolinjen)");
                return await QueueAsync(console, order, parse.GetValue(schedule), common.Paths(parse).Database, cancellationToken);
            }

            using var targets = new ScanTargets();
            var pages = await targets.PlanAsync(kind, addresses, limit, describedAs, cancellationToken);
            if (pages.OtherOrigins > 0)
            {
                console.MarkupLine($"[grey]{pages.OtherOrigins} adresser i sitemappet ligger på en anden oprindelse og er sprunget over.[/]");
            }

            if (pages.Frontier.Planned == 0)
            {
                console.MarkupLine("[yellow]Ingen side at undersøge: robots.txt beder om, at de angivne sider ikke besøges.[/]");
                return ExitCodes.CouldNotRun;
            }

            var settings = new ScanSettings(checklistData, vendorName, siteName, Guid.NewGuid(), parse.GetValue(parallel), kind == ScanSourceKind.Crawl);
            var paths = common.Paths(parse);
            await using var host = await BrowserHost.StartAsync(common.BrowserOptionsFrom(parse), cancellationToken);
            console.MarkupLine($"[grey]Chromium {Markup.Escape(host.Version)} ({Markup.Escape(host.Candidate.Source)}) · database {Markup.Escape(LabDatabase.Display(paths.Database))} · {settings.Parallel} ad gangen[/]");
            console.MarkupLine($"Scanning af [bold]{Markup.Escape(settings.SiteName)}[/]: {Markup.Escape(pages.Source)}");
            var outcome = await ScanRun.RunAsync(console, paths, host, pages.Frontier, settings, pages.Source, !parse.GetValue(common.NoPdf), cancellationToken);
            ScanRun.Write(console, outcome);
            return outcome.Summary.PagesOpened > 0 ? ExitCodes.Done : ExitCodes.CouldNotRun;
        });
        return command;
    }

    /// <summary>The addresses as the reviewer gave them, checked: how the pages are found, and from what.</summary>
    private static (ScanSourceKind Kind, List<string> Addresses, string? DescribedAs) Addresses(
        ParseResult parse, Argument<string[]> urls, Option<string?> file, Option<string?> sitemap, Option<string?> crawl)
    {
        if (parse.GetValue(crawl) is { } from)
        {
            return (ScanSourceKind.Crawl, [ScanTargets.Checked(from, new SourcePosition("--crawl", 1, 1))], null);
        }

        if (parse.GetValue(sitemap) is { } map)
        {
            return (ScanSourceKind.Sitemap, [ScanTargets.Checked(map, new SourcePosition("--sitemap", 1, 1))], null);
        }

        if (parse.GetValue(file) is { } listFile)
        {
            var read = ScanTargets.ReadFile(listFile);
            return (ScanSourceKind.Addresses, read, $"{read.Count} adresser fra {Path.GetFileName(listFile)}");
        }

        return (ScanSourceKind.Addresses, [.. parse.GetValue(urls)!.Select((u, i) => ScanTargets.Checked(u, new SourcePosition("adresse", i + 1, 1)))], null);
    }

    /// <summary>Puts the scan in the job queue once, or plans it with cron as a schedule that workers run.</summary>
    private static async Task<int> QueueAsync(IAnsiConsole console, ScanOrder order, string? cron, string database, CancellationToken cancellationToken)
    {
        var location = LabDatabase.Normalize(database);
        await LabDatabase.PrepareAsync(location, cancellationToken);
        var storage = LabJobs.Storage(location);
        if (cron is null)
        {
            var jobId = LabJobs.Enqueue(storage, order);
            console.MarkupLine($"job {Markup.Escape(jobId)} i kø: {Markup.Escape(order.ToString())}. Workerne ('usabilitylab worker') tager den; siderne gemmes i databasen, og 'usabilitylab report --scan latest' skriver rapporten.");
            return ExitCodes.Done;
        }

        string id;
        try
        {
            id = Schedules.Save(storage, order, cron);
        }
        catch (ArgumentException ex)
        {
            console.MarkupLine($"[red]--schedule \"{Markup.Escape(cron)}\" kan ikke læses som cron ({Markup.Escape(ex.Message.Split('\n')[0])}).[/] Skriv minut, time, dag i måneden, måned og ugedag i dansk tid, fx \"0 6 * * 1\" (mandage kl. 6).");
            return ExitCodes.BadInput;
        }

        var entry = Schedules.All(storage).First(e => e.Id == id);
        var next = entry.Next is { } at ? TimeZoneInfo.ConvertTime(at, Schedules.Denmark).ToString("d. MMMM yyyy 'kl.' HH:mm", DanishText.Culture) : "ukendt";
        console.MarkupLine($"Planlagt: {Markup.Escape(order.ToString())} som [bold]{Markup.Escape(id)}[/] ({Markup.Escape(entry.Cron)}, dansk tid); næste gang {Markup.Escape(next)}" +
            (order.NotifyEmail is { } to ? $"; ændringer til det værre mailes til {Markup.Escape(to)}." : "."));
        console.MarkupLine($"Se og slet planer med 'usabilitylab schedules'.");
        return ExitCodes.Done;
    }
}
