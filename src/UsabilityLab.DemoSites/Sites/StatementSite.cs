using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace UsabilityLab.DemoSites.Sites;

/// <summary>
/// The accessibility statement every demo flow links to from its footer (/tilgaengelighed), as a
/// Danish authority publishes it: a plain page a scan that follows the flow's links also reads.
/// </summary>
internal static class StatementSite
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/tilgaengelighed", () => Results.Content(Page, "text/html; charset=utf-8", Encoding.UTF8));

    private const string Page = """
        <!DOCTYPE html>
        <html lang="da">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Tilgængelighedserklæring – Nordby Kommune</title>
          <style>
            body { font-family: sans-serif; margin: 0 auto; max-width: 40rem; padding: 1rem; line-height: 1.5; overflow-wrap: anywhere; }
            a { color: #0b3d91; }
          </style>
        </head>
        <body>
          <header><p><strong>Nordby Kommune</strong> · Borgerservice, tlf. 70 10 20 30</p></header>
          <main>
            <h1>Tilgængelighedserklæring</h1>
            <p>Nordby Kommune vil gerne have, at alle kan bruge vores selvbetjening. Her kan du læse, hvor godt den virker for alle.</p>
            <h2>Hvad virker ikke endnu</h2>
            <p>Vi kender ingen fejl lige nu. Finder du en, vil vi gerne høre om den.</p>
            <h2>Kontakt os</h2>
            <p>Skriv til <a href="mailto:tilgaengelighed@nordby.example">tilgaengelighed@nordby.example</a> eller ring på 70 10 20 30.</p>
          </main>
          <footer><p>Opdateret 1. december 2026</p></footer>
        </body>
        </html>
        """;
}
