using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace UsabilityLab.Web;

/// <summary>
/// The Danish page a person sees for an error that is answered directly rather than re-executed
/// into <c>/fejl/{code}</c>: an error after a form post (which no page may read again), a refused
/// anti-forgery token, an exception. The error page (<c>/fejl/{code}</c>) uses the same words.
/// </summary>
internal static class StatusDocument
{
    // Danish letters stay letters; markup is still encoded.
    private static readonly HtmlEncoder _encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static (string Title, string Text) Words(int? status) => status switch
    {
        404 => ("Ikke fundet", "Siden findes ikke, eller du har ikke adgang til den."),
        403 => ("Ingen adgang", "Du har ikke adgang til denne side."),
        401 => ("Log ind", "Du skal logge ind for at se denne side."),
        400 => ("Forkert forespørgsel", "Forespørgslen kunne ikke behandles. Hent siden igen, og prøv igen."),
        405 => ("Forkert forespørgsel", "Siden kan ikke bruges sådan. Gå tilbage, og brug knapperne på siden."),
        null or >= 500 => ("Der opstod en fejl", "Workbenchen kunne ikke gennemføre forespørgslen. Fejlen er skrevet i serverens log; prøv igen, eller kontakt en administrator."),
        _ => ($"Fejl {status}", "Siden kunne ikke vises."),
    };

    /// <summary>Writes the page for <paramref name="status"/> (null for an exception), with <paramref name="text"/> in place of the usual words when given.</summary>
    public static Task WriteAsync(HttpResponse response, int? status, string? text = null)
    {
        var (title, usual) = Words(status);
        var encoder = _encoder;
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="da">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/app.css"><title>{encoder.Encode(title)} · UsabilityLab</title></head>
            <body><main id="indhold"><h1>{encoder.Encode(title)}</h1><p>{encoder.Encode(text ?? usual)}</p><p><a href="/">Til overblikket</a></p></main></body>
            </html>
            """);
    }
}
