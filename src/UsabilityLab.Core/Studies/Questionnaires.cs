namespace UsabilityLab.Core.Studies;

/// <summary>One question with a numbered scale, as the citizen sees it.</summary>
public sealed record ScaleQuestion(string Id, string Text, int Min, int Max, string MinLabel, string MaxLabel);

/// <summary>
/// The questionnaires of a session, in Danish: the SEQ after each task, then the SUS and the
/// satisfaction question of the joint public user test after the session.
/// </summary>
public static class Questionnaires
{
    /// <summary>Single Ease Question, 1-7 (Sauro &amp; Dumas 2009).</summary>
    public static ScaleQuestion Seq { get; } =
        new("seq", "Alt i alt, hvor svær eller let var det at løse opgaven?", 1, 7, "Meget svær", "Meget let");

    /// <summary>
    /// The System Usability Scale's ten items (Brooke 1996) with "løsningen" for "the system", in
    /// the usual Danish wording; odd items are positive, even items negative.
    /// </summary>
    public static IReadOnlyList<ScaleQuestion> Sus { get; } =
    [
        SusItem(1, "Jeg tror, at jeg gerne vil bruge denne løsning ofte."),
        SusItem(2, "Jeg synes, at løsningen var unødvendigt kompliceret."),
        SusItem(3, "Jeg synes, at løsningen var let at bruge."),
        SusItem(4, "Jeg tror, at jeg får brug for hjælp fra en teknisk person for at kunne bruge løsningen."),
        SusItem(5, "Jeg synes, at løsningens forskellige dele hang godt sammen."),
        SusItem(6, "Jeg synes, at der var for mange uoverensstemmelser i løsningen."),
        SusItem(7, "Jeg forestiller mig, at de fleste vil lære at bruge løsningen meget hurtigt."),
        SusItem(8, "Jeg synes, at løsningen var meget besværlig at bruge."),
        SusItem(9, "Jeg følte mig meget sikker, da jeg brugte løsningen."),
        SusItem(10, "Jeg skulle lære mange ting, før jeg kunne komme i gang med løsningen."),
    ];

    /// <summary>The joint public user test's satisfaction question, 1-5; a study passes at a mean of 4 or more.</summary>
    public static ScaleQuestion Satisfaction { get; } =
        new("tilfredshed", "Alt i alt, hvor tilfreds er du med løsningen?", 1, 5, "Meget utilfreds", "Meget tilfreds");

    private static ScaleQuestion SusItem(int number, string text) =>
        new($"sus{number}", text, 1, 5, "Helt uenig", "Helt enig");
}
