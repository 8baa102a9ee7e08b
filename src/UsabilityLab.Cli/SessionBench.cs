using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Spectre.Console;
using UsabilityLab.Browser;
using UsabilityLab.Browser.Sessions;
using UsabilityLab.Core;
using UsabilityLab.Core.Scripts;
using UsabilityLab.DemoSites;
using static UsabilityLab.Cli.BenchFormat;

namespace UsabilityLab.Cli;

/// <summary>
/// What recording a guided session costs: the size of a session recorded at a person's pace for a
/// given number of minutes (the goal is under 5 MB for 5 minutes), and the time the demo task takes
/// in the citizen's window with recording (rrweb and the Playwright trace) against a plain page.
/// </summary>
internal static class SessionBench
{
    public const long GoalBytes = 5L * 1024 * 1024;

    /// <summary>The pages of the demo task "Anmeld flytning", for time per page.</summary>
    private const int PagesPerTask = 5;

    public static async Task RunAsync(IAnsiConsole console, string? browserPath, double minutes, int runs, CancellationToken cancellationToken)
    {
        await using var server = await DemoServer.StartAsync(cancellationToken: cancellationToken);
        await using var host = await BrowserHost.StartAsync(new BrowserOptions { ExecutablePath = browserPath }, cancellationToken);
        var start = SolutionUrl.Join(server.Solutions.Single(s => s.Vendor.Slug == "nordlys").BaseUrl, "/flytning/");
        var folder = Directory.CreateTempSubdirectory("usabilitylab-bench-sessions-");
        try
        {
            var (plain, recorded, stop) = await StepCostAsync(host, start, folder.FullName, runs, cancellationToken);
            var (bytes, events, tasks, elapsed) = await LongSessionAsync(console, host, start, folder.FullName, minutes, cancellationToken);
            var traceBytes = new FileInfo(Path.Combine(folder.FullName, "session.zip")).Length;

            var table = new Table().Title("Guidede sessioner: optagelse (rrweb + Playwright-spor)").AddColumns("Måling", "Værdi", "Forhold");
            table.AddRow("Demo-opgaven (5 sider), uden optagelse, median", $"{Ms(plain)} ms ({Ms(plain / PagesPerTask)} ms pr. side)", "1,0×");
            table.AddRow("Demo-opgaven (5 sider), med optagelse, median", $"{Ms(recorded)} ms ({Ms(recorded / PagesPerTask)} ms pr. side)", $"{(recorded / plain).ToString("0.00", DanishText.Culture)}× tiden");
            table.AddRow("Optagelsen lukkes og gemmes (rrweb + spor), median", $"{Ms(stop)} ms", "én gang pr. opgave");
            table.AddRow($"Session i en persons tempo, {elapsed.TotalMinutes.ToString("0.0", DanishText.Culture)} min ({tasks} gange opgaven)", $"{Mb(bytes)} MB gzip, {events.ToString("N0", DanishText.Culture)} hændelser", $"{(double)bytes / GoalBytes:P0} af målet (5 MB)");
            table.AddRow("Pr. minut", $"{Mb((long)(bytes / elapsed.TotalMinutes))} MB", string.Empty);
            table.AddRow("Playwright-sporet af samme session (skærmbilleder og snapshots)", $"{Mb(traceBytes)} MB zip", "kun til gennemgangsenheden");
            console.Write(table);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench: session_task_plain_ms={plain:0.0} session_task_recorded_ms={recorded:0.0} session_recording_ratio={recorded / plain:0.00} session_stop_ms={stop:0.0} " +
                $"session_minutes={elapsed.TotalMinutes:0.0} session_recording_bytes={bytes} session_trace_bytes={traceBytes} session_recording_events={events} session_goal_bytes={GoalBytes} session_under_goal={bytes < GoalBytes * elapsed.TotalMinutes / 5}"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The demo task, alternately on a plain page and in a recorded citizen's window.</summary>
    private static async Task<(double Plain, double Recorded, double Stop)> StepCostAsync(BrowserHost host, string start, string folder, int runs, CancellationToken cancellationToken)
    {
        var samples = new BenchSamples();
        await using var plainContext = await host.NewContextAsync(host.Options.EgressFor(start));
        var plain = await plainContext.NewPageAsync();
        await using var window = await CitizenWindow.OpenAsync(host.Browser, visible: false, host.Options.EgressFor(start), cancellationToken);

        // One warm-up of each, then the measured runs, interleaved.
        for (var i = -1; i < runs; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await plain.GotoAsync(start);
            var watch = Stopwatch.StartNew();
            await DemoCitizen.MoveAsync(plain);
            var plainMs = watch.Elapsed.TotalMilliseconds;

            await window.StartAttemptAsync(start, Path.Combine(folder, $"step-{i}.json.gz"), Path.Combine(folder, $"step-{i}.zip"), TimeProvider.System.GetUtcNow(), "Benchmark");
            watch.Restart();
            await DemoCitizen.MoveAsync(window.Page);
            var recordedMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            await window.StopAttemptAsync();
            var stopMs = watch.Elapsed.TotalMilliseconds;
            if (i >= 0)
            {
                samples.Add("plain", plainMs);
                samples.Add("recorded", recordedMs);
                samples.Add("stop", stopMs);
            }
        }

        return (samples.Median("plain"), samples.Median("recorded"), samples.Median("stop"));
    }

    /// <summary>A session at a person's pace: the mouse wanders, the page scrolls, text is typed a key at a time.</summary>
    private static async Task<(long Bytes, int Events, int Tasks, TimeSpan Elapsed)> LongSessionAsync(IAnsiConsole console, BrowserHost host, string start, string folder, double minutes, CancellationToken cancellationToken)
    {
        await using var window = await CitizenWindow.OpenAsync(host.Browser, visible: false, host.Options.EgressFor(start), cancellationToken);
        var length = TimeSpan.FromMinutes(minutes);
        var tasks = 0;
        var watch = Stopwatch.StartNew();
        await window.StartAttemptAsync(start, Path.Combine(folder, "session.json.gz"), Path.Combine(folder, "session.zip"), TimeProvider.System.GetUtcNow(), "Benchmark");
        await console.Progress().AutoClear(true).StartAsync(async progress =>
        {
            var bar = progress.AddTask($"Session i en persons tempo ({minutes.ToString("0.#", DanishText.Culture)} min)", maxValue: length.TotalSeconds);
            var person = new HumanPace(
                window.Page,
                new Random(7),
                () => watch.Elapsed >= length || cancellationToken.IsCancellationRequested,
                () => bar.Value = Math.Min(watch.Elapsed.TotalSeconds, length.TotalSeconds));
            try
            {
                while (true)
                {
                    if (tasks > 0)
                    {
                        await window.Page.GotoAsync(start);
                    }

                    await DemoCitizen.MoveAsync(window.Page, person);
                    tasks++;

                    // Reading the receipt.
                    await person.ThinkAsync(TimeSpan.FromSeconds(3));
                }
            }
            catch (SessionOverException)
            {
                // The time is up; the person stops between two actions.
            }

            bar.Value = length.TotalSeconds;
        });
        cancellationToken.ThrowIfCancellationRequested();
        var elapsed = watch.Elapsed;
        var result = await window.StopAttemptAsync();
        return (result.Bytes, result.Events, tasks, elapsed);
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.00", DanishText.Culture);

    /// <summary>Thrown between two actions once the session's time is up.</summary>
    private sealed class SessionOverException : Exception;

    /// <summary>
    /// A person's hand on the demo task: thinks before each action while the mouse drifts, points,
    /// types a key at a time. Once <paramref name="done"/> says so, it stops before the next action.
    /// </summary>
    private sealed class HumanPace(IPage page, Random random, Func<bool> done, Action tick) : ICitizenHand
    {
        private double _x = 300;
        private double _y = 300;

        public async Task ClickAsync(ILocator target)
        {
            await ThinkAsync(TimeSpan.FromMilliseconds(800 + random.Next(1200)));
            await PointAtAsync(target);
            await target.ClickAsync();
            tick();
        }

        public async Task TypeAsync(ILocator field, string text)
        {
            await ClickAsync(field);
            await field.PressSequentiallyAsync(text, new() { Delay = 120 + random.Next(80) });
            tick();
        }

        public async Task PickDateAsync(ILocator field, string date)
        {
            await ClickAsync(field);
            await ThinkAsync(TimeSpan.FromSeconds(1));
            await field.FillAsync(date);
        }

        private async Task PointAtAsync(ILocator target)
        {
            if (await target.BoundingBoxAsync() is { } box)
            {
                _x = box.X + (box.Width / 2);
                _y = box.Y + (box.Height / 2);
                await page.Mouse.MoveAsync((float)_x, (float)_y, new() { Steps = 20 + random.Next(20) });
            }
        }

        /// <summary>Reading: the mouse drifts every 100 ms and the page is scrolled now and then.</summary>
        public async Task ThinkAsync(TimeSpan time)
        {
            if (done())
            {
                throw new SessionOverException();
            }

            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < time)
            {
                _x = Math.Clamp(_x + random.Next(-20, 21), 5, 1200);
                _y = Math.Clamp(_y + random.Next(-15, 16), 5, 700);
                await page.Mouse.MoveAsync((float)_x, (float)_y, new() { Steps = 3 });
                if (random.Next(20) == 0)
                {
                    await page.Mouse.WheelAsync(0, random.Next(2) == 0 ? 120 : -120);
                }

                await Task.Delay(100);
            }
        }
    }
}
