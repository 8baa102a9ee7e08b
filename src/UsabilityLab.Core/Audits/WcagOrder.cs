namespace UsabilityLab.Core.Audits;

/// <summary>Orders WCAG numbers as numbers: 1.4.3 before 1.4.10.</summary>
public sealed class WcagOrder : IComparer<string?>
{
    public static readonly WcagOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = (x ?? string.Empty).Split('.');
        var b = (y ?? string.Empty).Split('.');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length && int.TryParse(a[i], out var l) ? l : -1;
            var right = i < b.Length && int.TryParse(b[i], out var r) ? r : -1;
            if (left != right)
            {
                return left.CompareTo(right);
            }
        }

        return 0;
    }
}
