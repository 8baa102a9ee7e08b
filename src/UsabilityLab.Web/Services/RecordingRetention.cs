using UsabilityLab.Data;

namespace UsabilityLab.Web.Services;

/// <summary>
/// Deletes session recordings, traces and clips whose study's retention period has ended: once
/// when the workbench starts, then every six hours while it runs.
/// </summary>
public sealed class RecordingRetention(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RecordingRetention> logger) : BackgroundService
{
    private static readonly TimeSpan _interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, clock);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var today = DateOnly.FromDateTime(UsabilityLab.Reports.ReportFormat.InDenmark(clock.GetUtcNow()));
                var deleted = await scope.ServiceProvider.GetRequiredService<ParticipantRecords>().ApplyRetentionAsync(today, stoppingToken);
                if (deleted > 0 && logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Deleted the recordings of {Count} attempts whose retention period has ended.", deleted);
                }
            }
            catch (Exception ex) when (ex is IOException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
            {
                logger.LogError(ex, "Recordings past their retention period could not be deleted; trying again in six hours.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
