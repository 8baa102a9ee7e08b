using System.CommandLine;
using System.Net;
using UsabilityLab.Browser;
using UsabilityLab.Browser.Egress;
using UsabilityLab.Data;

namespace UsabilityLab.Cli;

/// <summary>Options several commands share; a fresh set per command, since an option belongs to one parent.</summary>
internal sealed class CommonOptions
{
    public Option<string> Database { get; } = new("--db")
    {
        Description = $"Databasen: en SQLite-fil (skærmbilleder gemmes i mappen evidence ved siden af den) eller en PostgreSQL-forbindelse, fx \"Host=db;Database=usabilitylab;Username=lab;Password=...\" (filerne gemmes da i mappen {LabDatabase.FilesEnvironmentVariable} angiver, ellers ./data). Ellers bruges miljøvariablen {LabDatabase.EnvironmentVariable} eller {LabDatabase.DefaultPath}.",
        DefaultValueFactory = _ => LabDatabase.DefaultLocation,
        HelpName = "fil|forbindelse",
    };

    public Option<string> Reports { get; } = new("--reports")
    {
        Description = "Mappen, som rapporterne skrives i.",
        DefaultValueFactory = _ => "reports",
        HelpName = "mappe",
    };

    public Option<bool> NoPdf { get; } = new("--no-pdf")
    {
        Description = "Skriv kun HTML-rapporten, ikke PDF.",
    };

    public Option<string?> Browser { get; } = new("--browser")
    {
        Description = $"Sti til Chromium. Ellers bruges miljøvariablen {BrowserOptions.ExecutableEnvironmentVariable}, Playwrights egne browsere eller /usr/bin/chromium.",
        HelpName = "sti",
    };

    public Option<string?> BrowserEndpoint { get; } = new("--browser-endpoint")
    {
        Description = "Brug en browser på en anden maskine i stedet for at starte Chromium her: adressen, som 'usabilitylab browser-server' skrev, fx ws://browser-1:3000/8f2c... .",
        HelpName = "ws-adresse",
    };

    public Option<string?> ProxyAddress { get; } = new("--proxy-address")
    {
        Description = "Med --browser-endpoint på en anden maskine: denne maskines IP-adresse, som browsermaskinen når den på. Hver gennemgangs trafik går gennem en proxy her (med sin egen adgangskode), så adgangsreglerne (--allow) gælder som lokalt. Standard er 127.0.0.1 (browserserveren på samme maskine).",
        HelpName = "ip",
    };

    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = "Længste ventetid på ét element eller én handling, i sekunder (1-600).",
        DefaultValueFactory = _ => DefaultActionSeconds,
        HelpName = "sekunder",
    };

    public Option<int> PageTimeout { get; } = new("--page-timeout")
    {
        Description = "Længste ventetid på, at en side indlæses, i sekunder (1-600). En side over grænsen får trinnet til at fejle med en tidsgrænse.",
        DefaultValueFactory = _ => DefaultPageSeconds,
        HelpName = "sekunder",
    };

    public Option<int> StepTimeout { get; } = new("--step-timeout")
    {
        Description = "Længste tid for ét trin (tjek og handlinger), i sekunder (1-3600). Et trin over grænsen stoppes, og opgaven fejler dér.",
        DefaultValueFactory = _ => DefaultStepSeconds,
        HelpName = "sekunder",
    };

    public Option<int> AuditTimeout { get; } = new("--audit-timeout")
    {
        Description = "Længste tid for én gennemgang med alle dens gennemløb, i sekunder (1-86400). Resten stoppes og markeres.",
        DefaultValueFactory = _ => DefaultAuditSeconds,
        HelpName = "sekunder",
    };

    public Option<string[]> Allow { get; } = new("--allow")
    {
        Description = "Tillad browseren at nå en intern adresse ud over løsningens egen, fx et testmiljø: vært, vært:port, IP-adresse eller net (10.20.0.0/16). Kan gentages. " +
            "Ellers afvises loopback, private net, link-local og cloud-metadata, også efter en omdirigering og i en ramme.",
        HelpName = "vært",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Adds the options this command uses.</summary>
    public void AddTo(Command command, bool browser = true, bool reports = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Database);
        Database.Validators.Add(result =>
        {
            if (CheckDatabase(result.GetValueOrDefault<string>()) is { } problem)
            {
                result.AddError(problem);
            }
        });
        if (reports)
        {
            command.Options.Add(Reports);
            command.Options.Add(NoPdf);
        }

        if (browser)
        {
            command.Options.Add(Browser);
            Browser.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<string?>() is { } path && !File.Exists(path))
                {
                    result.AddError($"--browser: {path} findes ikke. Angiv stien til Chromium (fx /usr/bin/chromium), eller udelad --browser.");
                }
            });
            command.Validators.Add(result =>
            {
                if (result.GetValue(Browser) is null
                    && Environment.GetEnvironmentVariable(BrowserOptions.ExecutableEnvironmentVariable) is { Length: > 0 } fromEnvironment
                    && !File.Exists(fromEnvironment))
                {
                    result.AddError($"Miljøvariablen {BrowserOptions.ExecutableEnvironmentVariable} peger på {fromEnvironment}, som ikke findes. Ret den, eller fjern den med 'unset {BrowserOptions.ExecutableEnvironmentVariable}'.");
                }
            });
            command.Options.Add(BrowserEndpoint);
            command.Options.Add(ProxyAddress);
            BrowserEndpoint.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<string?>() is { } endpoint
                    && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss"))
                {
                    result.AddError($"--browser-endpoint: \"{endpoint}\" er ikke en ws://-adresse. Brug den, 'usabilitylab browser-server' skrev, fx ws://browser-1:3000/8f2c... .");
                }
            });
            ProxyAddress.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<string?>() is { } address && !IPAddress.TryParse(address, out _))
                {
                    result.AddError($"--proxy-address: \"{address}\" er ikke en IP-adresse. Angiv denne maskines adresse, som browsermaskinen når den på, fx 10.20.0.5.");
                }
            });
            command.Validators.Add(result =>
            {
                if (result.GetValue(ProxyAddress) is not null && result.GetValue(BrowserEndpoint) is null)
                {
                    result.AddError("--proxy-address bruges kun sammen med --browser-endpoint (en browser på en anden maskine).");
                }
            });
            command.Options.Add(Allow);
            Allow.Validators.Add(result =>
            {
                foreach (var entry in result.GetValueOrDefault<string[]>() ?? [])
                {
                    if (EgressPolicy.Problem(entry) is { } problem)
                    {
                        result.AddError($"--allow {entry}: {problem}");
                    }
                }
            });
            command.Options.Add(Timeout);
            command.Options.Add(PageTimeout);
            command.Options.Add(StepTimeout);
            command.Options.Add(AuditTimeout);
            Range(Timeout, 600);
            Range(PageTimeout, 600);
            Range(StepTimeout, 3600);
            Range(AuditTimeout, 86400);
            command.Validators.Add(result =>
            {
                var action = Given(result, Timeout, DefaultActionSeconds);
                var step = Given(result, StepTimeout, DefaultStepSeconds);
                var audit = Given(result, AuditTimeout, DefaultAuditSeconds);
                if (step < action)
                {
                    result.AddError($"--step-timeout ({step} s) må ikke være kortere end --timeout ({action} s), for så kan en handling aldrig nå sin egen ventetid.");
                }

                if (audit < step)
                {
                    result.AddError($"--audit-timeout ({audit} s) må ikke være kortere end --step-timeout ({step} s).");
                }
            });
        }
    }

    /// <summary>
    /// Refuses an SQLite <c>--db</c> (given or by default) for a command, or for a use of it, that
    /// needs the PostgreSQL database many machines share.
    /// </summary>
    /// <param name="why">What needs PostgreSQL, as the start of the error's sentence.</param>
    /// <param name="applies">When only some uses need it (an option given); always when null.</param>
    public void RequireServer(Command command, string why, Func<System.CommandLine.Parsing.CommandResult, bool>? applies = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Validators.Add(result =>
        {
            if ((applies is null || applies(result)) && result.GetValue(Database) is { } db && !LabDatabase.IsServer(db))
            {
                result.AddError($"{why}: angiv den med --db \"Host=...;Database=...;Username=...;Password=...\" eller {LabDatabase.EnvironmentVariable}. En SQLite-fil kan kun bruges af én maskine; kør da 'run' eller 'serve' direkte.");
            }
        });
    }

    /// <summary>Null when <paramref name="path"/> can be a database: a PostgreSQL connection string, or a file that is absent (it is created), empty, or SQLite.</summary>
    internal static string? CheckDatabase(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "--db må ikke være tom; angiv en fil, fx data/usabilitylab.db.";
        }

        if (LabDatabase.IsServer(path))
        {
            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(path);
                return null;
            }
            catch (ArgumentException ex)
            {
                return $"--db: forbindelsen til PostgreSQL kan ikke læses ({ex.Message}). Skriv den som \"Host=vært;Database=usabilitylab;Username=bruger;Password=...\".";
            }
        }

        if (Directory.Exists(path))
        {
            return $"--db: {path} er en mappe; angiv en fil i den, fx {Path.Combine(path, "usabilitylab.db")}.";
        }

        if (!File.Exists(path))
        {
            return null;
        }

        Span<byte> header = stackalloc byte[16];
        using var stream = File.OpenRead(path);
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return read == 0 || (read == 16 && header.SequenceEqual("SQLite format 3\0"u8))
            ? null
            : $"--db: {path} er ikke en SQLite-database (forkert fil?). Angiv UsabilityLabs database, eller en ny fil, som så bliver oprettet.";
    }

    private const int DefaultActionSeconds = 10;
    private const int DefaultPageSeconds = 30;
    private const int DefaultStepSeconds = 60;
    private const int DefaultAuditSeconds = 300;

    /// <summary>
    /// The value given on the command line, or the default (a command's validator sees no
    /// defaults); the default too when the value is not a number, which its own option reports.
    /// </summary>
    private static int Given(System.CommandLine.Parsing.CommandResult result, Option<int> option, int fallback)
    {
        if (result.GetResult(option) is not { Implicit: false } given || given.Errors.Any())
        {
            return fallback;
        }

        try
        {
            return given.GetValueOrDefault<int>();
        }
        catch (InvalidOperationException)
        {
            return fallback;
        }
    }

    private static void Range(Option<int> option, int max) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int>() is var value && (value < 1 || value > max))
        {
            result.AddError($"{option.Name} skal ligge mellem 1 og {max} sekunder, ikke {value}.");
        }
    });

    public LabPaths Paths(ParseResult parse) => LabPaths.From(parse.GetValue(Database), parse.GetValue(Reports));

    public BrowserOptions BrowserOptionsFrom(ParseResult parse) => new()
    {
        ExecutablePath = parse.GetValue(Browser),
        Endpoint = parse.GetValue(BrowserEndpoint) is { } endpoint ? new Uri(endpoint) : null,
        ProxyAddress = parse.GetValue(ProxyAddress) is { } address ? IPAddress.Parse(address) : null,
        ActionTimeoutMs = parse.GetValue(Timeout) * 1000,
        NavigationTimeoutMs = parse.GetValue(PageTimeout) * 1000,
        StepTimeoutMs = parse.GetValue(StepTimeout) * 1000,
        AuditTimeoutMs = parse.GetValue(AuditTimeout) * 1000,
        EgressAllow = parse.GetValue(Allow) ?? [],
    };
}
