namespace UsabilityLab.Reports;

/// <summary>The CSS every report shares: type, header, facts, tables, verdicts, cards and print rules.</summary>
public static class ReportStyles
{
    public const string Base = """
        body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; margin: 0; line-height: 1.45; font-size: 15px; overflow-wrap: break-word; }
        header, main, footer { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem; }
        header { border-bottom: 4px solid #0b3d91; }
        h1 { font-size: 1.7rem; margin: .2rem 0 .6rem; }
        h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; break-after: avoid-page; }
        h3, h4 { break-after: avoid-page; }
        h3 { font-size: 1.1rem; margin: 0 0 .3rem; }
        dl.fakta { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .2rem 1rem; margin: 0; }
        dl.fakta dt { font-weight: bold; }
        dl.fakta dd { margin: 0; overflow-wrap: anywhere; }
        @media (max-width: 30rem) { dl.fakta { grid-template-columns: minmax(0, 1fr); } dl.fakta dd { margin-bottom: .3rem; } }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
        th, td { border: 1px solid #bbb; padding: .35rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        thead th { background: #eef2f8; }
        .dom { font-size: 1.2rem; font-weight: bold; padding: .6rem 1rem; border-radius: 4px; }
        .dom-ok { background: #e3f4e6; border: 2px solid #1e7b34; }
        .dom-fejl { background: #fde8e8; border: 2px solid #b00020; }
        .kort { border: 1px solid #bbb; border-left: 8px solid #666; border-radius: 4px; padding: .7rem 1rem; margin: 1rem 0; }
        .maerke { display: inline-block; font-size: .8rem; font-weight: bold; padding: .05rem .45rem; border-radius: 3px; background: #eee; border: 1px solid #999; margin-right: .3rem; }
        code, pre { font-family: "DejaVu Sans Mono", monospace; font-size: .85rem; background: #f4f4f4; overflow-wrap: anywhere; }
        .lille { font-size: .85rem; color: #4d4d4d; }
        @media print { header, main, footer { max-width: none; } a { color: inherit; } }
        """;
}
