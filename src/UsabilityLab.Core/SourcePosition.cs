namespace UsabilityLab.Core;

/// <summary>A place in a reviewer's input file, 1-based, for messages of the form <c>file:line:column</c>.</summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>One thing wrong with an input file, with where it is and what to do about it.</summary>
public sealed record InputError(SourcePosition Position, string Message)
{
    public override string ToString() => $"{Position}: {Message}";
}

/// <summary>
/// Thrown when a task script, checklist or other reviewer input cannot be used.
/// Carries every error found, so a reviewer fixes a file in one round.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(IReadOnlyList<InputError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public InputException(SourcePosition position, string message)
        : this([new InputError(position, message)])
    {
    }

    public InputException()
        : this([])
    {
    }

    public InputException(string message)
        : this(new SourcePosition("?", 1, 1), message)
    {
    }

    public InputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new InputError(new SourcePosition("?", 1, 1), message)];
    }

    public IReadOnlyList<InputError> Errors { get; }
}
