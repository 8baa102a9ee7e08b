using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UsabilityLab.Core.Scripts;
using UsabilityLab.Browser;
using UsabilityLab.Browser.Sessions;
using UsabilityLab.Core.Studies;
using UsabilityLab.Data;

namespace UsabilityLab.Web.Services;

/// <summary>Who sits at the citizen's window for a participant: a person, or (without a display) a script.</summary>
public interface ICitizens
{
    /// <summary>Whether the window is shown on the screen (a person uses it) or runs headless (a script does).</summary>
    bool Visible { get; }

    ICitizen For(Participant participant);
}

/// <summary>Test citizens in person, at a visible window on the workbench machine's display.</summary>
public sealed class PeopleAtTheWindow : ICitizens
{
    private static readonly PersonAtTheWindow _person = new();

    public bool Visible => true;

    public ICitizen For(Participant participant) => _person;

    /// <summary>Whether this machine has a display a visible window can open on.</summary>
    public static bool DisplayAvailable =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));
}

/// <summary>
/// The guided sessions running now: one citizen's window per session, the attempt being recorded
/// in it, and the questionnaires between tasks. Everything is stored through <see cref="StudyStore"/>;
/// the same code runs with a person at a visible window and with a script at a headless one.
/// </summary>
public sealed class GuidedSessions(
    IServiceScopeFactory scopes,
    WorkbenchBrowser workbenchBrowser,
    ICitizens citizens,
    SessionFiles files,
    IOptions<WorkbenchOptions> options,
    TimeProvider clock,
    ILogger<GuidedSessions> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, LiveSession> _sessions = new();
    private readonly ConcurrentDictionary<int, LiveSession> _byAttempt = new();
    private readonly SemaphoreSlim _visibleStart = new(1, 1);
    private BrowserHost? _visibleBrowser;

    /// <summary>
    /// Starts a participant's attempt at a task: consent is checked, the window opens (or is reused
    /// for the session's next task) on the task's first page, and recording starts.
    /// </summary>
    public async Task<int> StartAttemptAsync(int participantId, int studyTaskId, string facilitator, CancellationToken cancellationToken = default)
    {
        if (citizens.Visible && !PeopleAtTheWindow.DisplayAvailable)
        {
            throw new StudyRuleException("Maskinen har ingen skærm, så borgerens vindue kan ikke vises. Kør workbenchen på en maskine med skærm (se README: Guidede sessioner).");
        }

        using var scope = scopes.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<StudyStore>();
        var db = scope.ServiceProvider.GetRequiredService<LabDbContext>();
        var attempt = await store.StartAttemptAsync(participantId, studyTaskId, facilitator, cancellationToken);
        try
        {
            var facts = await db.TaskAttempts.AsNoTracking()
                .Where(a => a.Id == attempt.Id)
                .Select(a => new { a.StudyTask, a.Session.Participant, a.Session.Participant.Study.Solution.BaseUrl })
                .SingleAsync(cancellationToken);
            if (_sessions.TryGetValue(attempt.SessionId, out var pending) && pending.Questionnaire is { } questionnaire)
            {
                await questionnaire;
            }

            var live = _sessions.TryGetValue(attempt.SessionId, out var open) && !open.Window.Page.IsClosed
                ? open
                : await OpenAsync(attempt.SessionId, facts.Participant, cancellationToken);
            var studyId = facts.Participant.StudyId;
            var recording = await live.Window.StartAttemptAsync(
                SolutionUrl.Join(facts.BaseUrl, facts.StudyTask.StartPath),
                files.Absolute(SessionFiles.Recording(studyId, participantId, attempt.Id)),
                files.Absolute(SessionFiles.Trace(studyId, participantId, attempt.Id)),
                attempt.StartedAt,
                $"{facts.Participant.Code} · {facts.StudyTask.Title}");
            live.Current = new LiveAttempt(attempt.Id, studyId, participantId, attempt.StartedAt, recording);
            _byAttempt[attempt.Id] = live;
            live.Current.Acting = Task.Run(() => live.Citizen.DoTaskAsync(live.Window.Page, facts.StudyTask, CancellationToken.None), CancellationToken.None);
            return attempt.Id;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The citizen's window for attempt {Attempt} could not be opened", attempt.Id);
            var reason = "Borgerens vindue kunne ikke åbnes: " + (ex is StudyRuleException or BrowserUnavailableException ? ex.Message : BrowserMessages.Of(ex) + ".");
            await store.FinishAttemptAsync(attempt.Id, null, reason, [], null, 0, null, CancellationToken.None);
            throw new StudyRuleException(reason);
        }
    }

    /// <summary>The attempt being recorded now, or null when it is not live (finished, or the server restarted).</summary>
    public LiveAttempt? Live(int attemptId) => LiveSessionOf(attemptId)?.Current;

    /// <summary>The timeline so far: live while recording, else as stored.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(int attemptId, CancellationToken cancellationToken = default)
    {
        if (Live(attemptId) is { } live)
        {
            return live.Recording.Timeline();
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LabDbContext>();
        return await db.TimelineEntries.AsNoTracking().Where(t => t.AttemptId == attemptId).OrderBy(t => t.At).ThenBy(t => t.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Adds a facilitator's note at this moment of the attempt, with a screenshot of the citizen's
    /// window (fields covered) while it is live.
    /// </summary>
    public async Task<SessionNote> AddNoteAsync(int attemptId, NoteTag tag, string? text, string author, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<StudyStore>();
        var db = scope.ServiceProvider.GetRequiredService<LabDbContext>();
        var attempt = await db.TaskAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId, cancellationToken)
            ?? throw new StudyRuleException("Forsøget findes ikke.");
        var at = (attempt.EndedAt ?? clock.GetUtcNow()) - attempt.StartedAt;
        string? screenshot = null;
        if (LiveSessionOf(attemptId) is { Current: { } live } session)
        {
            try
            {
                var png = await session.Window.ScreenshotAsync();
                screenshot = SessionFiles.NoteScreenshot(live.StudyId, live.ParticipantId, attemptId, Guid.NewGuid());
                var path = files.Absolute(screenshot);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await Core.AtomicFile.WriteAllBytesAsync(path, png, cancellationToken);
            }
            catch (Microsoft.Playwright.PlaywrightException ex)
            {
                logger.LogWarning("No screenshot for a note on attempt {Attempt}: {Message}", attemptId, ex.Message);
                screenshot = null;
            }
        }

        try
        {
            return await store.AddNoteAsync(attemptId, tag, text, author, at, screenshot, cancellationToken);
        }
        catch
        {
            files.Delete(screenshot);
            throw;
        }
    }

    /// <summary>
    /// Ends the attempt with the facilitator's outcome: the recording and trace are closed and
    /// stored, and the citizen gets the SEQ in the same window.
    /// </summary>
    public async Task FinishAttemptAsync(int attemptId, AttemptOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(outcome))
        {
            throw new StudyRuleException("Vælg et udfald.");
        }

        using var scope = scopes.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<StudyStore>();
        if (!_byAttempt.TryRemove(attemptId, out var live) || live.Current?.AttemptId != attemptId)
        {
            // Not live (the server restarted meanwhile): the outcome still counts, without a recording.
            await store.FinishAttemptAsync(attemptId, outcome, null, [], null, 0, null, cancellationToken);
            return;
        }

        var current = live.Current;
        live.Current = null;
        RecordingResult recording;
        try
        {
            recording = await live.Window.StopAttemptAsync();
        }
        catch (Exception ex) when (ex is Microsoft.Playwright.PlaywrightException or IOException)
        {
            logger.LogWarning("Recording of attempt {Attempt} could not be closed: {Message}", attemptId, ex.Message);
            await store.FinishAttemptAsync(attemptId, outcome, null, current.Recording.Timeline(), null, 0, null, cancellationToken);
            return;
        }

        await store.FinishAttemptAsync(
            attemptId,
            outcome,
            null,
            recording.Timeline,
            SessionFiles.Recording(current.StudyId, current.ParticipantId, attemptId),
            recording.Bytes,
            SessionFiles.Trace(current.StudyId, current.ParticipantId, attemptId),
            cancellationToken);
        live.Questionnaire = AskSeqAsync(live, attemptId);
    }

    /// <summary>Ends the session: the citizen answers the SUS and the satisfaction question, then the window closes.</summary>
    public async Task EndSessionAsync(int sessionId, CancellationToken cancellationToken = default)
    {
        if (!_sessions.TryGetValue(sessionId, out var live))
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<StudyStore>().FinishSessionAsync(sessionId, null, null, cancellationToken);
            return;
        }

        if (live.Current is not null)
        {
            throw new StudyRuleException("Afslut opgaven med et udfald, før sessionen afsluttes.");
        }

        if (live.Questionnaire is { } pending)
        {
            await pending;
        }

        live.Questionnaire = AskSusAsync(live, sessionId);
    }

    /// <summary>The questionnaire the citizen is answering now in the session's window, if any (tests and the benchmark wait on it).</summary>
    public Task QuestionnaireAsync(int sessionId) =>
        _sessions.TryGetValue(sessionId, out var live) && live.Questionnaire is { } pending ? pending : Task.CompletedTask;

    private LiveSession? LiveSessionOf(int attemptId) =>
        _byAttempt.TryGetValue(attemptId, out var live) && live.Current?.AttemptId == attemptId ? live : null;

    private async Task<LiveSession> OpenAsync(int sessionId, Participant participant, CancellationToken cancellationToken)
    {
        var browser = citizens.Visible ? await VisibleBrowserAsync(cancellationToken) : (await workbenchBrowser.GetAsync(cancellationToken)).Browser;
        var window = await CitizenWindow.OpenAsync(browser, citizens.Visible, cancellationToken);
        var live = new LiveSession(sessionId, window, citizens.For(participant));
        _sessions[sessionId] = live;
        return live;
    }

    private async Task<Microsoft.Playwright.IBrowser> VisibleBrowserAsync(CancellationToken cancellationToken)
    {
        await _visibleStart.WaitAsync(cancellationToken);
        try
        {
            if (_visibleBrowser is null || !_visibleBrowser.Browser.IsConnected)
            {
                var browserOptions = options.Value.BrowserOptions();
                browserOptions.Headless = false;
                _visibleBrowser = await BrowserHost.StartAsync(browserOptions, cancellationToken);
            }

            return _visibleBrowser.Browser;
        }
        finally
        {
            _visibleStart.Release();
        }
    }

    private async Task AskSeqAsync(LiveSession live, int attemptId)
    {
        try
        {
            var answers = await live.Window.AskAsync(
                "Hvordan gik det?",
                "Tak fordi du prøvede opgaven. Svar på ét spørgsmål om den.",
                [Questionnaires.Seq],
                live.Citizen);
            if (answers is not null && answers.TryGetValue(Questionnaires.Seq.Id, out var seq))
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<StudyStore>().AnswerSeqAsync(attemptId, seq);
            }

            if (!live.Window.Page.IsClosed)
            {
                await live.Window.ShowMessageAsync("Tak", "Vent et øjeblik på næste opgave.");
            }
        }
        catch (Exception ex) when (ex is Microsoft.Playwright.PlaywrightException or StudyRuleException or TaskCanceledException)
        {
            logger.LogWarning("The SEQ for attempt {Attempt} was not answered: {Message}", attemptId, ex.Message);
        }
    }

    private async Task AskSusAsync(LiveSession live, int sessionId)
    {
        IReadOnlyDictionary<string, int>? answers = null;
        try
        {
            answers = await live.Window.AskAsync(
                "Om løsningen",
                "Til sidst ti udsagn om løsningen og ét om, hvor tilfreds du er. Der er ingen rigtige eller forkerte svar.",
                [.. Questionnaires.Sus, Questionnaires.Satisfaction],
                live.Citizen);
            if (answers is not null && !live.Window.Page.IsClosed)
            {
                await live.Window.ShowMessageAsync("Tak for din hjælp", "Sessionen er slut. Du kan lukke vinduet.");
            }
        }
        catch (Exception ex) when (ex is Microsoft.Playwright.PlaywrightException or TaskCanceledException)
        {
            logger.LogWarning("The SUS of session {Session} was not answered: {Message}", sessionId, ex.Message);
        }

        var sus = answers is not null && Questionnaires.Sus.All(q => answers.ContainsKey(q.Id))
            ? Questionnaires.Sus.Select(q => answers[q.Id]).ToList()
            : null;
        int? satisfaction = answers is not null && answers.TryGetValue(Questionnaires.Satisfaction.Id, out var value) ? value : null;
        using (var scope = scopes.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<StudyStore>().FinishSessionAsync(sessionId, sus, satisfaction);
        }

        _sessions.TryRemove(sessionId, out _);
        await live.Window.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var live in _sessions.Values)
        {
            await live.Window.DisposeAsync();
        }

        _sessions.Clear();
        if (_visibleBrowser is not null)
        {
            await _visibleBrowser.DisposeAsync();
        }

        _visibleStart.Dispose();
    }

    private sealed class LiveSession(int sessionId, CitizenWindow window, ICitizen citizen)
    {
        public int SessionId { get; } = sessionId;

        public CitizenWindow Window { get; } = window;

        public ICitizen Citizen { get; } = citizen;

        public LiveAttempt? Current { get; set; }

        public Task? Questionnaire { get; set; }
    }
}

/// <summary>An attempt being recorded now.</summary>
public sealed class LiveAttempt(int attemptId, int studyId, int participantId, DateTimeOffset startedAt, AttemptRecording recording)
{
    public int AttemptId { get; } = attemptId;

    public int StudyId { get; } = studyId;

    public int ParticipantId { get; } = participantId;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public AttemptRecording Recording { get; } = recording;

    /// <summary>The scripted citizen's work on the task (done at once for a person).</summary>
    public Task Acting { get; set; } = Task.CompletedTask;
}
