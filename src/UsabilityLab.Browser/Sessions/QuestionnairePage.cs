using System.Globalization;
using System.Net;
using System.Text;
using UsabilityLab.Core.Studies;

namespace UsabilityLab.Browser.Sessions;

/// <summary>
/// The questionnaire the citizen answers in their own window: large type, one fieldset per
/// question, radio buttons labelled with their number and the scale's ends. Sending calls the
/// window's binding with the answers; "Spring over" sends none.
/// </summary>
internal static class QuestionnairePage
{
    public static string Html(string heading, string introduction, IReadOnlyList<ScaleQuestion> questions)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!doctype html>
            <html lang="da"><head><meta charset="utf-8"><title>{{Encode(heading)}}</title>
            <style>
              body { font: 1.25rem/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
              fieldset { border: 1px solid #888; border-radius: .5rem; margin: 0 0 1.5rem; padding: 1rem; }
              legend { font-weight: 600; padding: 0 .25rem; }
              .scale { display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; margin-top: .5rem; }
              .scale label { display: inline-flex; flex-direction: column; align-items: center; min-width: 3rem; padding: .25rem; border: 1px solid #bbb; border-radius: .25rem; cursor: pointer; }
              .ends { display: flex; justify-content: space-between; font-size: 1rem; color: #444; }
              button { font: inherit; padding: .5rem 1.5rem; margin-right: 1rem; }
              :focus-visible { outline: 3px solid #0059b3; outline-offset: 2px; }
              #besked { color: #a00000; font-weight: 600; }
            </style></head>
            <body><main><h1>{{Encode(heading)}}</h1><p>{{Encode(introduction)}}</p>
            <form id="skema" novalidate>
            """);
        foreach (var question in questions)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<fieldset><legend>{Encode(question.Text)}</legend><div class="ends"><span>{question.Min} = {Encode(question.MinLabel)}</span><span>{question.Max} = {Encode(question.MaxLabel)}</span></div><div class="scale">""");
            for (var value = question.Min; value <= question.Max; value++)
            {
                html.Append(CultureInfo.InvariantCulture, $"""<label><input type="radio" name="{question.Id}" value="{value}"><span>{value}</span></label>""");
            }

            html.Append("</div></fieldset>");
        }

        html.Append("""
            <p id="besked" role="alert"></p>
            <button type="submit">Send svar</button><button type="button" id="spring">Spring over</button>
            </form></main>
            <script>
            {
              const form = document.getElementById('skema');
              form.addEventListener('submit', event => {
                event.preventDefault();
                const answers = {};
                const missing = [];
                form.querySelectorAll('fieldset').forEach(set => {
                  const chosen = set.querySelector('input:checked');
                  if (chosen) { answers[chosen.name] = Number(chosen.value); } else { missing.push(set); }
                });
                if (missing.length > 0) {
                  document.getElementById('besked').textContent = `Svar venligst på alle spørgsmål (${missing.length} mangler).`;
                  missing[0].querySelector('input').focus();
                  return;
                }
                window.__ulAnswers(JSON.stringify(answers));
                document.body.innerHTML = '<main><h1>Tak for dine svar</h1></main>';
              });
              document.getElementById('spring').addEventListener('click', () => {
                window.__ulAnswers('{}');
                document.body.innerHTML = '<main><h1>Tak</h1></main>';
              });
            }
            </script></body></html>
            """);
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
