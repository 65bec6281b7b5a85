using Causeway.Lab.Bench;
using Xunit;

namespace Causeway.Lab.Tests.Bench;

public sealed class BenchStatisticsTests
{
    private static ThroughputResult Run(string path, string direction, int round, double mbps, double? coresPerGbps = null, string? error = null) =>
        new(path, direction, round, "sbc", "203.0.113.80", mbps, 0, 1388, "bbr", 1.0,
            coresPerGbps is { } c ? new CpuUse(0.5, 0.5, 0.1, null, 0, 1.1, c) : null, error);

    [Fact]
    public void Median_of_an_odd_and_an_even_count_and_of_nothing()
    {
        Assert.Equal(3, BenchStatistics.Median([5, 1, 3]));
        Assert.Equal(2.5, BenchStatistics.Median([4, 1, 3, 2]));
        Assert.Null(BenchStatistics.Median([]));
    }

    [Fact]
    public void Summary_per_path_and_direction_leaves_failed_runs_out()
    {
        var summary = BenchStatistics.Summarize(
        [
            Run(BenchPaths.Causeway, BenchPaths.Upload, 1, 300, 3.0),
            Run(BenchPaths.Causeway, BenchPaths.Upload, 2, 100, 4.0),
            Run(BenchPaths.Causeway, BenchPaths.Upload, 3, 200, 5.0),
            Run(BenchPaths.Causeway, BenchPaths.Upload, 4, 0, error: "the server is busy"),
        ]);

        var s = Assert.Single(summary);
        Assert.Equal((3, 200.0, 100.0, 300.0, 4.0), (s.Runs, s.MedianMbps, s.MinMbps, s.MaxMbps, s.MedianCoresPerGbps!.Value));
    }

    [Fact]
    public void Ratios_pair_runs_of_the_same_round_and_compare_medians_and_cpu_per_bit()
    {
        var ratios = BenchStatistics.Ratios(
        [
            Run(BenchPaths.OpenVpnDefaults, BenchPaths.Download, 1, 400, 4.0),
            Run(BenchPaths.Causeway, BenchPaths.Download, 1, 440, 3.0),
            Run(BenchPaths.Causeway, BenchPaths.Download, 2, 200, 3.0),
            Run(BenchPaths.OpenVpnDefaults, BenchPaths.Download, 2, 250, 4.0),
            Run(BenchPaths.RawVeth, BenchPaths.Download, 1, 20000),
        ], BenchPaths.Causeway, BenchPaths.OpenVpnDefaults);

        var r = Assert.Single(ratios);
        Assert.Equal(BenchPaths.Download, r.Direction);
        Assert.Equal([1.1, 0.8], r.PairedRatios);
        Assert.Equal(0.95, r.MedianPairedRatio!.Value, 3);
        Assert.Equal(320.0 / 325.0, r.RatioOfMedians!.Value, 3);
        Assert.Equal(0.75, r.CpuRatio!.Value, 3);
    }

    [Fact]
    public void No_ratio_for_a_direction_the_baseline_never_measured()
    {
        var ratios = BenchStatistics.Ratios(
            [Run(BenchPaths.Causeway, BenchPaths.Upload, 1, 300), Run(BenchPaths.OpenVpnDefaults, BenchPaths.Upload, 1, 0, error: "did not come up")],
            BenchPaths.Causeway,
            BenchPaths.OpenVpnDefaults);

        Assert.Empty(ratios);
    }
}
