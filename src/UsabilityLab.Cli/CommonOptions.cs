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
            Timeout.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() is < 1 or > 600)
                {
                    result.AddError("--timeout skal ligge mellem 1 og 600 sekunder.");
                }
            });
        }
    }

    public LabPaths Paths(ParseResult parse) => LabPaths.From(parse.GetValue(Database), parse.GetValue(Reports));

    public BrowserOptions BrowserOptionsFrom(ParseResult parse) => new()
    {
        ExecutablePath = parse.GetValue(Browser),
        ActionTimeoutMs = parse.GetValue(Timeout) * 1000,
    };
}
