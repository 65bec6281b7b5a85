namespace Causeway.Core.Config;

/// <summary>"Did you mean ...?" for misspelt keys and sections: the closest known name by edit distance.</summary>
internal static class KeySuggestions
{
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(typed.ToLowerInvariant(), candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        if (best is null)
        {
            return null;
        }

        // Close enough to be a typo: a third of the word (at least one, at most three edits), or one word is the
        // other with a prefix or suffix ("subnet" for "subnets", "auth_file" for "auth").
        var allowed = Math.Clamp(typed.Length / 3, 1, 3);
        var affix = best.Length >= 4 && (typed.StartsWith(best, StringComparison.OrdinalIgnoreCase)
            || typed.EndsWith(best, StringComparison.OrdinalIgnoreCase)
            || best.StartsWith(typed, StringComparison.OrdinalIgnoreCase));
        return bestDistance <= allowed || affix ? best : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
