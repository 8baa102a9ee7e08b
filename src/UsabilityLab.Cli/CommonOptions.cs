using System.CommandLine;
using UsabilityLab.Browser;
using UsabilityLab.Data;

namespace UsabilityLab.Cli;

/// <summary>Options several commands share; a fresh set per command, since an option belongs to one parent.</summary>
internal sealed class CommonOptions
{
    public Option<string> Database { get; } = new("--db")
    {
        Description = "SQLite-databasen. Skærmbilleder gemmes i mappen evidence ved siden af den.",
        DefaultValueFactory = _ => LabDatabase.DefaultPath,
        HelpName = "fil",
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

    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = "Længste ventetid på ét element eller én handling, i sekunder (1-600).",
        DefaultValueFactory = _ => 10,
        HelpName = "sekunder",
    };

    public Option<int> StepTimeout { get; } = new("--step-timeout")
    {
        Description = "Længste tid for ét trin (tjek og handlinger), i sekunder (1-3600). Et trin over grænsen stoppes, og opgaven fejler dér.",
        DefaultValueFactory = _ => 60,
        HelpName = "sekunder",
    };

    public Option<int> AuditTimeout { get; } = new("--audit-timeout")
    {
        Description = "Længste tid for én gennemgang med alle dens gennemløb, i sekunder (1-86400). Resten stoppes og markeres.",
        DefaultValueFactory = _ => 300,
        HelpName = "sekunder",
    };

    /// <summary>Adds the options this command uses.</summary>
    public void AddTo(Command command, bool browser = true, bool reports = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Database);
        if (reports)
        {
            command.Options.Add(Reports);
            command.Options.Add(NoPdf);
        }

        if (browser)
        {
            command.Options.Add(Browser);
            command.Options.Add(Timeout);
            command.Options.Add(StepTimeout);
            command.Options.Add(AuditTimeout);
            Range(Timeout, 600);
            Range(StepTimeout, 3600);
            Range(AuditTimeout, 86400);
            command.Validators.Add(result =>
            {
                if (result.GetValue(StepTimeout) < result.GetValue(Timeout))
                {
                    result.AddError($"--step-timeout ({result.GetValue(StepTimeout)} s) må ikke være kortere end --timeout ({result.GetValue(Timeout)} s), for så kan en handling aldrig nå sin egen ventetid.");
                }

                if (result.GetValue(AuditTimeout) < result.GetValue(StepTimeout))
                {
                    result.AddError($"--audit-timeout ({result.GetValue(AuditTimeout)} s) må ikke være kortere end --step-timeout ({result.GetValue(StepTimeout)} s).");
                }
            });
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
        ActionTimeoutMs = parse.GetValue(Timeout) * 1000,
        StepTimeoutMs = parse.GetValue(StepTimeout) * 1000,
        AuditTimeoutMs = parse.GetValue(AuditTimeout) * 1000,
    };
}
