namespace Causeway.Lab.Bench;

/// <summary>Medians, spreads and ratios of the runs. Medians, not means: one run disturbed by another user's build
/// on this shared machine must not move the result.</summary>
public static class BenchStatistics
{
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>One summary per path and direction, in the order they first appear; runs with an error are left out.</summary>
    public static IReadOnlyList<ThroughputSummary> Summarize(IEnumerable<ThroughputResult> runs) =>
        [.. runs.Where(r => r.Error is null)
            .GroupBy(r => (r.Path, r.Direction))
            .Select(g => new ThroughputSummary(
                g.Key.Path,
                g.Key.Direction,
                g.Count(),
                Round(Median(g.Select(r => r.MegabitsPerSecond))!.Value),
                g.Min(r => r.MegabitsPerSecond),
                g.Max(r => r.MegabitsPerSecond),
                Median(g.Select(r => (double)r.Retransmits))!.Value,
                Round(Median(g.Select(r => r.Cpu?.CoresPerGbps).OfType<double>()), 3)))];

    /// <summary><paramref name="path"/> against <paramref name="baseline"/>, per direction present in both.</summary>
    public static IReadOnlyList<DirectionRatio> Ratios(IReadOnlyList<ThroughputResult> runs, string path, string baseline)
    {
        var summaries = Summarize(runs);
        var ratios = new List<DirectionRatio>();
        foreach (var direction in runs.Select(r => r.Direction).Distinct())
        {
            var ours = summaries.FirstOrDefault(s => s.Path == path && s.Direction == direction);
            var theirs = summaries.FirstOrDefault(s => s.Path == baseline && s.Direction == direction);
            if (ours is null || theirs is null)
            {
                continue;
            }

            var paired = runs
                .Where(r => r.Error is null && r.Direction == direction && r.Path == path)
                .Select(r => (Ours: r, Theirs: runs.FirstOrDefault(t => t.Error is null && t.Direction == direction && t.Path == baseline && t.Round == r.Round)))
                .Where(p => p.Theirs is { MegabitsPerSecond: > 0 })
                .Select(p => Round(p.Ours.MegabitsPerSecond / p.Theirs!.MegabitsPerSecond, 3))
                .ToList();
            ratios.Add(new DirectionRatio(
                direction,
                theirs.MedianMbps > 0 ? Round(ours.MedianMbps / theirs.MedianMbps, 3) : null,
                paired,
                Median(paired),
                ours.MedianCoresPerGbps is { } a && theirs.MedianCoresPerGbps is { } b && b > 0 ? Round(a / b, 3) : null));
        }

        return ratios;
    }

    private static double Round(double value, int digits = 1) => Math.Round(value, digits);

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;
}
