using Microsoft.Playwright;
using UsabilityLab.Core.Studies;

namespace UsabilityLab.Browser.Sessions;

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

/// <summary>Who is at the citizen's window: a test citizen, or a script standing in for one.</summary>
public interface ICitizen
{
    /// <summary>Tries the task in the window. A person does it with their own hands, so for them this returns at once.</summary>
    Task DoTaskAsync(IPage page, StudyTask task, CancellationToken cancellationToken = default);

    /// <summary>Answers the questionnaire shown in the window. A person clicks it themselves.</summary>
    Task AnswerAsync(IPage page, IReadOnlyList<ScaleQuestion> questions, CancellationToken cancellationToken = default);
}

/// <summary>A test citizen at a visible window.</summary>
public sealed class PersonAtTheWindow : ICitizen
{
    public Task DoTaskAsync(IPage page, StudyTask task, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task AnswerAsync(IPage page, IReadOnlyList<ScaleQuestion> questions, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

/// <summary>
/// A script standing in for the citizen, where there is no display (tests, servers): it acts in
/// the same window and answers the same questionnaire page by clicking, so everything else runs
/// exactly as with a person.
/// </summary>
public sealed class ScriptedCitizen(
    Func<IPage, StudyTask, Task> doTask,
    Func<ScaleQuestion, int?> answer) : ICitizen
{
    public Task DoTaskAsync(IPage page, StudyTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        return doTask(page, task);
    }

    public async Task AnswerAsync(IPage page, IReadOnlyList<ScaleQuestion> questions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(questions);
        var answers = questions.Select(q => (Question: q, Value: answer(q))).ToList();
        if (answers.Any(a => a.Value is null))
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Spring over" }).ClickAsync();
            return;
        }

        foreach (var (question, value) in answers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await page.GetByRole(AriaRole.Group, new() { Name = question.Text, Exact = true })
                .GetByRole(AriaRole.Radio, new() { Name = value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), Exact = true })
                .CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Send svar" }).ClickAsync();
    }
}
