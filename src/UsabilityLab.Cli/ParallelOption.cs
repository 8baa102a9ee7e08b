using System.CommandLine;
using UsabilityLab.Browser;

namespace UsabilityLab.Cli;

/// <summary>--parallel: how many audits run at once on one Chromium.</summary>
internal static class ParallelOption
{
    public static Option<int> Create()
    {
        var option = new Option<int>("--parallel")
        {
            Description = $"Hvor mange gennemgange der kører på én gang, hver i sine egne browserkontekster på samme Chromium (1-{AuditParallelism.Max}). " +
                $"Standard er {AuditParallelism.Default} på denne maskine: én pr. kerne, højst én pr. 1,5 GiB hukommelse.",
            DefaultValueFactory = _ => AuditParallelism.Default,
            HelpName = "antal",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is var value && (value < 1 || value > AuditParallelism.Max))
            {
                result.AddError($"--parallel skal ligge mellem 1 og {AuditParallelism.Max}, ikke {value}.");
            }
        });
        return option;
    }
}
