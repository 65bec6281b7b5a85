using Causeway.Lab.Bench;
using Xunit;

namespace Causeway.Lab.Tests.Bench;

public sealed class ChainStatisticsTests
{
    private static ChainRun Run(string path, string direction, int round, double mbps, params (string Hop, double Cores)[] cores)
    {
        var hops = ChainStatistics.Hops(cores, mbps);
        return new ChainRun(new ThroughputResult(path, direction, round, "phone-open", "203.0.113.80", mbps, 0, 1300, "cubic", 1.0, null, null), hops, hops.Sum(h => h.Cores));
    }

    private static ChainRun Failed(string path, string direction) =>
        new(new ThroughputResult(path, direction, 3, "phone-open", "203.0.113.80", 0, 0, null, null, 1.0, null, "the server is busy"), [], 0);

    [Fact]
    public void A_hop_costs_its_cores_per_gigabit_carried()
    {
        var hops = ChainStatistics.Hops([("sbc openvpn client", 0.9), ("provider openvpn server", 0.6)], 500);

        Assert.Equal([1.8, 1.2], hops.Select(h => h.CoresPerGbps!.Value));
        Assert.Null(ChainStatistics.PerGbps(1.0, 0));
    }

    [Fact]
    public void Summary_takes_medians_per_path_direction_and_hop_and_leaves_failed_runs_out()
    {
        var summary = ChainStatistics.Summarize(
        [
            Run(BenchPaths.ChainUdp, BenchPaths.Upload, 1, 200, ("phone openvpn client", 0.4), ("sbc openvpn client", 0.5)),
            Run(BenchPaths.ChainUdp, BenchPaths.Upload, 2, 400, ("phone openvpn client", 0.6), ("sbc openvpn client", 0.7)),
            Run(BenchPaths.ChainUdp, BenchPaths.Upload, 3, 300, ("phone openvpn client", 0.3), ("sbc openvpn client", 0.9)),
            Failed(BenchPaths.ChainUdp, BenchPaths.Upload),
        ]);

        var s = Assert.Single(summary);
        Assert.Equal((3, 300.0, 200.0, 400.0), (s.Runs, s.MedianMbps, s.MinMbps, s.MaxMbps));
        Assert.Equal(1.2, s.MedianBusyCores, 3);
        Assert.Equal(4.0, s.MedianCoresPerGbps!.Value, 3);
        Assert.Equal(["phone openvpn client", "sbc openvpn client"], s.MedianHops.Select(h => h.Hop));
        Assert.Equal(0.4, s.MedianHops[0].Cores, 3);
        Assert.Equal(1.5, s.MedianHops[0].CoresPerGbps!.Value, 3); // 2.0, 1.5, 1.0
    }

    [Fact]
    public void Ratios_compare_each_chain_path_with_the_tunnel_and_give_the_cpu_bound()
    {
        var summary = ChainStatistics.Summarize(
        [
            // The tunnel: 1.0 core per 500 Mbit/s (2 cores per Gbit/s); the chain: 4 per Gbit/s, so the CPU allows 0.5.
            Run(BenchPaths.ProviderTunnel, BenchPaths.Upload, 1, 500, ("sbc openvpn client", 0.5), ("provider openvpn server", 0.5)),
            Run(BenchPaths.ChainUdp, BenchPaths.Upload, 1, 240, ("phone openvpn client", 0.24), ("vm access server (udp)", 0.24), ("sbc openvpn client", 0.24), ("provider openvpn server", 0.24)),
            Run(BenchPaths.ProviderTunnel, BenchPaths.Download, 1, 600, ("sbc openvpn client", 0.6), ("provider openvpn server", 0.6)),
            Run(BenchPaths.ChainUdp, BenchPaths.Download, 1, 240, ("phone openvpn client", 0.3), ("vm access server (udp)", 0.3), ("sbc openvpn client", 0.3), ("provider openvpn server", 0.3)),
            Run(BenchPaths.ChainTcpCafe, BenchPaths.Upload, 1, 100, ("phone openvpn client", 0.5)),
        ]);

        var ratios = ChainStatistics.Ratios(summary, BenchPaths.ProviderTunnel, [BenchPaths.ChainUdp, BenchPaths.ChainTcpCafe], BenchPaths.ChainUdp, 0.45);

        var upload = ratios.Single(r => r.Path == BenchPaths.ChainUdp && r.Direction == BenchPaths.Upload);
        Assert.Equal((0.48, 0.5, true), (upload.Ratio!.Value, upload.CpuBound!.Value, upload.MeetsGoal));
        var download = ratios.Single(r => r.Path == BenchPaths.ChainUdp && r.Direction == BenchPaths.Download);
        Assert.Equal((0.4, 0.4, false), (download.Ratio!.Value, download.CpuBound!.Value, download.MeetsGoal));
        var both = ratios.Single(r => r.Path == BenchPaths.ChainUdp && r.Direction == "both");
        Assert.Equal((480.0, 1100.0, 0.436, 0.45), (both.ChainMbps, both.TunnelMbps, both.Ratio!.Value, both.CpuBound!.Value));

        // The goal is the UDP path's: the café's TCP path is reported, never held to it.
        var cafe = ratios.Single(r => r.Path == BenchPaths.ChainTcpCafe && r.Direction == BenchPaths.Upload);
        Assert.Equal((0.2, false), (cafe.Ratio!.Value, cafe.MeetsGoal));
        Assert.DoesNotContain(ratios, r => r.Path == BenchPaths.ChainTcpCafe && r.Direction == BenchPaths.Download);
    }
}
