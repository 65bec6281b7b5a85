namespace Causeway.Lab.Bench;

/// <summary>
/// The Dinosaur benchmark's arithmetic: per path and direction the medians (medians, not means: one run disturbed
/// by another user of this shared machine must not move the result), and each chain path against the bare
/// provider tunnel, with the ratio the CPU alone would allow.
/// </summary>
public static class ChainStatistics
{
    /// <summary>A run's hops: their cores, and per Gbit/s of what the run carried.</summary>
    public static IReadOnlyList<HopCpu> Hops(IEnumerable<(string Hop, double Cores)> cores, double megabitsPerSecond) =>
        [.. cores.Select(c => new HopCpu(c.Hop, Math.Round(c.Cores, 3), PerGbps(c.Cores, megabitsPerSecond)))];

    public static double? PerGbps(double cores, double megabitsPerSecond) =>
        megabitsPerSecond > 0 ? Math.Round(cores / (megabitsPerSecond / 1000), 3) : null;

    /// <summary>One summary per path and direction, in the order they first appear; runs with an error are left out.</summary>
    public static IReadOnlyList<ChainSummary> Summarize(IEnumerable<ChainRun> runs) =>
        [.. runs.Where(r => r.Throughput.Error is null)
            .GroupBy(r => (r.Throughput.Path, r.Throughput.Direction))
            .Select(g =>
            {
                var mbps = g.Select(r => r.Throughput.MegabitsPerSecond).ToList();
                var hops = g.SelectMany(r => r.Hops).Select(h => h.Hop).Distinct()
                    .Select(hop => new HopCpu(
                        hop,
                        Math.Round(BenchStatistics.Median(g.SelectMany(r => r.Hops).Where(h => h.Hop == hop).Select(h => h.Cores)) ?? 0, 3),
                        Round(BenchStatistics.Median(g.SelectMany(r => r.Hops).Where(h => h.Hop == hop && h.CoresPerGbps is not null).Select(h => h.CoresPerGbps!.Value)))))
                    .ToList();
                return new ChainSummary(
                    g.Key.Path,
                    g.Key.Direction,
                    g.Count(),
                    Math.Round(BenchStatistics.Median(mbps)!.Value, 1),
                    mbps.Min(),
                    mbps.Max(),
                    Math.Round(BenchStatistics.Median(g.Select(r => r.BusyCores))!.Value, 3),
                    Round(BenchStatistics.Median(g.Select(r => PerGbps(r.BusyCores, r.Throughput.MegabitsPerSecond)).OfType<double>())),
                    hops);
            })];

    /// <summary>
    /// Each of <paramref name="chainPaths"/> against <paramref name="tunnelPath"/>: per direction, then both directions
    /// summed. <paramref name="goal"/> applies to <paramref name="goalPath"/> only.
    /// </summary>
    public static IReadOnlyList<ChainRatio> Ratios(IReadOnlyList<ChainSummary> summary, string tunnelPath, IEnumerable<string> chainPaths, string goalPath, double goal)
    {
        var ratios = new List<ChainRatio>();
        foreach (var path in chainPaths)
        {
            double chainSum = 0, tunnelSum = 0;
            var bounds = new List<double>();
            foreach (var direction in new[] { BenchPaths.Upload, BenchPaths.Download })
            {
                var chain = summary.FirstOrDefault(s => s.Path == path && s.Direction == direction);
                var tunnel = summary.FirstOrDefault(s => s.Path == tunnelPath && s.Direction == direction);
                if (chain is null || tunnel is null)
                {
                    continue;
                }

                double? bound = chain.MedianCoresPerGbps is > 0 && tunnel.MedianCoresPerGbps is { } t ? Math.Round(t / chain.MedianCoresPerGbps.Value, 3) : null;
                if (bound is { } b)
                {
                    bounds.Add(b);
                }

                chainSum += chain.MedianMbps;
                tunnelSum += tunnel.MedianMbps;
                ratios.Add(Ratio(path, direction, chain.MedianMbps, tunnel.MedianMbps, bound));
            }

            if (tunnelSum > 0)
            {
                ratios.Add(Ratio(path, "both", chainSum, tunnelSum, bounds.Count == 0 ? null : Math.Round(bounds.Average(), 3)));
            }
        }

        return ratios;

        ChainRatio Ratio(string path, string direction, double chain, double tunnel, double? bound)
        {
            double? ratio = tunnel > 0 ? Math.Round(chain / tunnel, 3) : null;
            return new ChainRatio(path, direction, Math.Round(chain, 1), Math.Round(tunnel, 1), ratio, bound, path == goalPath && ratio >= goal);
        }
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;
}
