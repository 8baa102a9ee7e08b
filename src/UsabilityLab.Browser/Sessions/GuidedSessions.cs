using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using UsabilityLab.Browser.Egress;
using UsabilityLab.Core.Studies;

namespace UsabilityLab.Browser.Sessions;

/// <summary>Where the citizen's windows open: a visible browser for a person, a headless one for a script.</summary>
public interface ICitizenBrowsers
{
    Task<IBrowser> GetAsync(bool visible, CancellationToken cancellationToken = default);

    /// <summary>What a citizen's window may reach besides each task's own address (the administrator's allowlist).</summary>
    EgressPolicy Egress { get; }
}

/// <summary>
/// The guided sessions running now: one citizen's window per session, the attempt being recorded
/// in it, and the questionnaires between tasks. It knows no host: what it keeps goes through
/// <see cref="IGuidedSessionStore"/> under the rules of studies (<see cref="StudyRules"/>), its
/// windows open in <see cref="ICitizenBrowsers"/>, and the same code runs with a person at a
/// visible window and with a script at a headless one.
/// </summary>
/// <remarks>
/// The calls for one session (start, note, finish, end) come from different requests and the
/// questionnaires run in the background: each session's state changes under its own gate, so a
/// finish never meets a start half done.
/// </remarks>
public sealed class GuidedSessions(
    IGuidedSessionStore store,
    ICitizenBrowsers browsers,
    ICitizens citizens,
    SessionFiles files,
    ILogger<GuidedSessions> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, LiveSession> _sessions = new();
    private readonly ConcurrentDictionary<int, LiveSession> _byAttempt = new();
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _gates = new();

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

        var attempt = await store.StartAttemptAsync(participantId, studyTaskId, facilitator, cancellationToken);
        var gate = GateOf(attempt.SessionId);
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_sessions.TryGetValue(attempt.SessionId, out var pending) && pending.Questionnaire is { } questionnaire)
            {
                await questionnaire;
            }

            var live = _sessions.TryGetValue(attempt.SessionId, out var open) && !open.Window.Page.IsClosed
                ? open
                : await OpenAsync(attempt.SessionId, attempt.Participant, cancellationToken);
            var studyId = attempt.Participant.StudyId;
            var recording = await live.Window.StartAttemptAsync(
                attempt.StartUrl,
                files.Absolute(SessionFiles.Recording(studyId, participantId, attempt.AttemptId)),
                files.Absolute(SessionFiles.Trace(studyId, participantId, attempt.AttemptId)),
                attempt.StartedAt,
                $"{attempt.Participant.Code} · {attempt.Task.Title}");
            live.Current = new LiveAttempt(attempt.AttemptId, studyId, participantId, attempt.StartedAt, recording);
            _byAttempt[attempt.AttemptId] = live;
            live.Current.Acting = ActAsync(live, attempt.Task, attempt.AttemptId);
            return attempt.AttemptId;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The citizen's window for attempt {Attempt} could not be opened", attempt.AttemptId);
            var reason = "Borgerens vindue kunne ikke åbnes: " + (ex is StudyRuleException or BrowserUnavailableException ? ex.Message : BrowserMessages.Of(ex) + ".");
            await store.FinishAttemptAsync(attempt.AttemptId, AttemptEnd.Aborted(reason), CancellationToken.None);
            throw new StudyRuleException(reason);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The citizen's part of the task, beside the request that started it: a person's is done at
    /// once, a script's runs until it has done the task. Its failure is logged, never lost.
    /// </summary>
    private async Task ActAsync(LiveSession live, StudyTask task, int attemptId)
    {
        try
        {
            await Task.Run(() => live.Citizen.DoTaskAsync(live.Window.Page, task, CancellationToken.None), CancellationToken.None);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning("The citizen's script for attempt {Attempt} stopped: {Message}", attemptId, ex.Message);
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

        return await store.TimelineAsync(attemptId, cancellationToken);
    }

    /// <summary>
    /// Adds a facilitator's note at this moment of the attempt, with a screenshot of the citizen's
    /// window (fields covered) while it is live.
    /// </summary>
    public async Task<SessionNote> AddNoteAsync(int attemptId, NoteTag tag, string? text, string author, CancellationToken cancellationToken = default)
    {
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
            catch (PlaywrightException ex)
            {
                logger.LogWarning("No screenshot for a note on attempt {Attempt}: {Message}", attemptId, ex.Message);
                screenshot = null;
            }
        }

        try
        {
            return await store.AddNoteAsync(attemptId, tag, text, author, screenshot, cancellationToken);
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

        if (!_byAttempt.TryGetValue(attemptId, out var live))
        {
            // Not live (the server restarted meanwhile): the outcome still counts, without a recording.
            await store.FinishAttemptAsync(attemptId, AttemptEnd.Unrecorded(outcome), cancellationToken);
            return;
        }

        var gate = GateOf(live.SessionId);
        await gate.WaitAsync(cancellationToken);
        try
        {
            _byAttempt.TryRemove(attemptId, out _);
            if (live.Current is not { } current || current.AttemptId != attemptId)
            {
                await store.FinishAttemptAsync(attemptId, AttemptEnd.Unrecorded(outcome), cancellationToken);
                return;
            }

            live.Current = null;
            AttemptEnd end;
            try
            {
                var recording = await live.Window.StopAttemptAsync();
                end = new AttemptEnd(
                    outcome,
                    null,
                    recording.Timeline,
                    SessionFiles.Recording(current.StudyId, current.ParticipantId, attemptId),
                    recording.Bytes,
                    SessionFiles.Trace(current.StudyId, current.ParticipantId, attemptId));
            }
            catch (Exception ex) when (ex is PlaywrightException or IOException)
            {
                logger.LogWarning("Recording of attempt {Attempt} could not be closed: {Message}", attemptId, ex.Message);
                await store.FinishAttemptAsync(attemptId, AttemptEnd.Unrecorded(outcome, current.Recording.Timeline()), cancellationToken);
                return;
            }

            await store.FinishAttemptAsync(attemptId, end, cancellationToken);
            live.Questionnaire = AskSeqAsync(live, attemptId);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Ends the session: the citizen answers the SUS and the satisfaction question, then the window closes.</summary>
    public async Task EndSessionAsync(int sessionId, CancellationToken cancellationToken = default)
    {
        if (!_sessions.TryGetValue(sessionId, out var live))
        {
            await store.FinishSessionAsync(sessionId, null, null, cancellationToken);
            return;
        }

        var gate = GateOf(sessionId);
        await gate.WaitAsync(cancellationToken);
        try
        {
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
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Closes a participant's live window at once, before their data is deleted: the recording
    /// stops without being stored and the questionnaire being answered is given up, so nothing of
    /// theirs is written after the deletion. Returns how many sessions were closed.
    /// </summary>
    public async Task<int> CloseParticipantAsync(int participantId)
    {
        var closed = 0;
        foreach (var live in _sessions.Values.Where(l => l.ParticipantId == participantId).ToList())
        {
            var gate = GateOf(live.SessionId);
            await gate.WaitAsync();
            try
            {
                _sessions.TryRemove(live.SessionId, out _);
                foreach (var attempt in _byAttempt.Where(a => a.Value == live).Select(a => a.Key).ToList())
                {
                    _byAttempt.TryRemove(attempt, out _);
                }

                live.Current = null;
                await live.Window.DisposeAsync();
                if (live.Questionnaire is { } pending)
                {
                    try
                    {
                        await pending;
                    }
                    catch (Exception ex) when (ex is PlaywrightException or StudyRuleException or TaskCanceledException or InvalidOperationException)
                    {
                        // Given up with the window: nothing of it is kept.
                    }
                }

                closed++;
            }
            finally
            {
                gate.Release();
            }
        }

        return closed;
    }

    /// <summary>The questionnaire the citizen is answering now in the session's window, if any (tests and the benchmark wait on it).</summary>
    public Task QuestionnaireAsync(int sessionId) =>
        _sessions.TryGetValue(sessionId, out var live) && live.Questionnaire is { } pending ? pending : Task.CompletedTask;

    private SemaphoreSlim GateOf(int sessionId) => _gates.GetOrAdd(sessionId, _ => new SemaphoreSlim(1, 1));

    private LiveSession? LiveSessionOf(int attemptId) =>
        _byAttempt.TryGetValue(attemptId, out var live) && live.Current?.AttemptId == attemptId ? live : null;

    private async Task<LiveSession> OpenAsync(int sessionId, Participant participant, CancellationToken cancellationToken)
    {
        var browser = await browsers.GetAsync(citizens.Visible, cancellationToken);
        var window = await CitizenWindow.OpenAsync(browser, citizens.Visible, browsers.Egress, cancellationToken);
        var live = new LiveSession(sessionId, participant.Id, window, citizens.For(participant));
        _sessions[sessionId] = live;
        return live;
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
                await store.AnswerSeqAsync(attemptId, seq);
            }

            if (!live.Window.Page.IsClosed)
            {
                await live.Window.ShowMessageAsync("Tak", "Vent et øjeblik på næste opgave.");
            }
        }
        catch (Exception ex) when (ex is PlaywrightException or StudyRuleException or TaskCanceledException)
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
        catch (Exception ex) when (ex is PlaywrightException or TaskCanceledException)
        {
            logger.LogWarning("The SUS of session {Session} was not answered: {Message}", sessionId, ex.Message);
        }

        var sus = answers is not null && Questionnaires.Sus.All(q => answers.ContainsKey(q.Id))
            ? Questionnaires.Sus.Select(q => answers[q.Id]).ToList()
            : null;
        int? satisfaction = answers is not null && answers.TryGetValue(Questionnaires.Satisfaction.Id, out var value) ? value : null;
        await store.FinishSessionAsync(sessionId, sus, satisfaction);

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
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }

    private sealed class LiveSession(int sessionId, int participantId, CitizenWindow window, ICitizen citizen)
    {
        public int SessionId { get; } = sessionId;

        public int ParticipantId { get; } = participantId;

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
