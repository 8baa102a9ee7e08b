namespace UsabilityLab.Core.Yaml;

/// <summary>
/// YamlDotNet's syntax errors in the reviewer's language: what is wrong at the position, and what
/// to do. The English wording of the YAML library never reaches a person; an error this table does
/// not know gets a general Danish explanation, still with its line and column in front.
/// </summary>
public static class YamlSyntaxMessages
{
    private static readonly (string English, string Danish)[] _known =
    [
        ("could not find expected ':'", "der mangler et kolon efter navnet på linjen. Skriv det som „navn: værdi“."),
        ("Mapping values are not allowed in this context", "et kolon står et sted, hvor YAML ikke venter en ny nøgle. Sæt værdien i anførselstegn, hvis den selv indeholder „: “, eller ret indrykningen."),
        ("found invalid mapping", "et kolon står et sted, hvor YAML ikke venter en ny nøgle. Sæt værdien i anførselstegn, hvis den selv indeholder „: “, eller ret indrykningen."),
        ("Block sequence entries are not allowed in this context", "en listelinje („- …“) står et sted, hvor YAML ikke venter en liste. Ret indrykningen, så listen står under sin nøgle."),
        ("did not find expected '-' indicator", "listen er rykket forkert ind: hver linje i listen skal starte med „- “ og være rykket lige langt ind."),
        ("While parsing a block mapping, did not find expected key", "indrykningen passer ikke: en linje er rykket længere eller kortere ind end linjerne omkring den. Ryk linjer på samme niveau lige langt ind."),
        ("did not find expected ',' or ']'", "en liste i firkantede parenteser er ikke lukket. Afslut den med „]“, og adskil punkterne med komma."),
        ("did not find expected ',' or '}'", "en tabel i krøllede parenteser er ikke lukket. Afslut den med „}“, og adskil punkterne med komma."),
        ("double-quoted scalar, found wrong indentation", "et anførselstegn er ikke lukket, så teksten fortsætter på de næste linjer. Luk teksten med det samme tegn, som den startede med."),
        ("found unexpected end of stream", "et anførselstegn er ikke lukket. Luk teksten med det samme tegn, som den startede med."),
        ("found unknown escape character", "teksten i dobbelte anførselstegn indeholder en ukendt \\-kode. Skriv \\\\ for en omvendt skråstreg, eller brug enkelte anførselstegn."),
        ("tab", "linjen indeholder en tabulator, hvor YAML kræver mellemrum. Erstat tabulatorerne med mellemrum."),
        ("did not find expected node content", "der mangler en værdi her. Skriv værdien efter kolonet, eller sæt den i anførselstegn."),
        ("found character that cannot start any token", "linjen starter med et tegn, YAML ikke tillader først i en værdi (fx @ eller `). Sæt værdien i anførselstegn."),
        ("Duplicate key", "den samme nøgle står to gange i samme blok. Slet den ene."),
        ("alias", "et anker eller en henvisning (& eller *) er ugyldig. Sæt værdien i anførselstegn, hvis tegnet er en del af teksten."),
        ("Anchor", "et anker eller en henvisning (& eller *) er ugyldig. Sæt værdien i anførselstegn, hvis tegnet er en del af teksten."),
    ];

    /// <summary>The Danish explanation of one YamlDotNet message (without its position mark).</summary>
    public static string Danish(string english)
    {
        foreach (var (pattern, danish) in _known)
        {
            if (english.Contains(pattern, StringComparison.OrdinalIgnoreCase))
            {
                return danish;
            }
        }

        return "teksten kan ikke læses som YAML her. Tjek indrykningen, kolonerne og anførselstegnene på denne linje og linjen før.";
    }
}
