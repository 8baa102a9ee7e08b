using Microsoft.Playwright;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser;

/// <summary>
/// The citizen's hand: how a pass operates the elements the task script names. The script itself
/// is interpreted once, by <see cref="ActionExecutor"/> (finding elements, navigation and its
/// status, pop-ups, waits and expectations); a pass only chooses the hand. The main pass and the
/// error-handling pass use the pointer, the keyboard pass the keyboard alone.
/// </summary>
internal interface IElementOperator
{
    Task ClickAsync(ILocator element, ElementTarget target);

    Task FillAsync(ILocator element, ElementTarget target, string value);

    Task SelectAsync(ILocator element, ElementTarget target, string option);

    Task CheckAsync(ILocator element, ElementTarget target, bool isChecked);

    /// <summary>Chooses a file in a file field.</summary>
    Task UploadAsync(ILocator element, ElementTarget target, TestFile file);

    Task PressAsync(ILocator element, ElementTarget target, string key);

    /// <summary>A key pressed wherever focus is.</summary>
    Task PressAsync(string key);

    /// <summary>The task arrived at a new document (a goto, or a window it followed).</summary>
    Task ArrivedAsync();
}

/// <summary>Mouse and typing as Playwright does them: what most citizens do.</summary>
internal sealed class PointerOperator(PageSession session) : IElementOperator
{
    public async Task ClickAsync(ILocator element, ElementTarget target)
    {
        var clickedOn = session.Page;
        try
        {
            await element.ClickAsync();
        }
        catch (PlaywrightException) when (clickedOn.IsClosed && !session.Crashed)
        {
            // The click closed its own window (a pop-up's "Luk vinduet"): it happened, and the
            // session goes back to the window that opened it.
        }
    }

    public Task FillAsync(ILocator element, ElementTarget target, string value) => element.FillAsync(value);

    public Task SelectAsync(ILocator element, ElementTarget target, string option) => element.SelectOptionAsync(option);

    public Task CheckAsync(ILocator element, ElementTarget target, bool isChecked) => element.SetCheckedAsync(isChecked);

    public Task UploadAsync(ILocator element, ElementTarget target, TestFile file) =>
        element.SetInputFilesAsync(new FilePayload { Name = file.Name, MimeType = file.MimeType, Buffer = file.Content });

    public Task PressAsync(ILocator element, ElementTarget target, string key) => element.PressAsync(key);

    public Task PressAsync(string key) => session.Page.Keyboard.PressAsync(key);

    public Task ArrivedAsync() => Task.CompletedTask;
}
