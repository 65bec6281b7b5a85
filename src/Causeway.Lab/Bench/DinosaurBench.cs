using System.Globalization;
using System.Net;
using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;
using Causeway.Lab.Dinosaur;
using Causeway.Lab.Duo;

namespace Causeway.Lab.Bench;

/// <summary>
/// `causeway-lab bench dinosaur`: the phones' throughput to the internet's iperf3 over the whole chain (the open
/// network's phone over UDP 1194, the café's over TCP 443: phone → VM's access server → overlay → sbc → provider)
/// beside the bare provider tunnel (the sbc's own traffic through the same provider tunnel, routed into it for the
/// run), in one run, with the CPU every hop used. Reports chain / tunnel (goal over UDP: at least 0.45; four
/// OpenVPN processes share the cores where the bare tunnel has two, so about 0.5 is the CPU's bound). Reports, never gates.
/// </summary>
/// <remarks>
/// Rounds alternate the order of the paths (ABBA), so that a drift in the machine's load weighs on all alike; every
/// run has the same iperf3 settings (one TCP stream, same server, same length, the first second left out).
/// </remarks>
internal sealed class DinosaurBench(DinosaurWorld w)
{
    public const double Goal = 0.45;

    private static readonly string[] Paths = [BenchPaths.ProviderTunnel, BenchPaths.ChainUdp, BenchPaths.ChainTcpCafe];

    public async Task<DinosaurBenchReport> RunAsync(int seconds, int rounds, CancellationToken ct)
    {
        var started = w.Time.GetUtcNow();
        var version = (await w.Net.TryRunAsync("openvpn", ["--version"], ct)).StandardOutput.Split('\n')[0].Trim();
        var loadBefore = LoadAverage.Read(w.Files);
        await w.WaitGatewayReadyAsync(TimeSpan.FromSeconds(60), ct);
        await w.Vm.WaitGatewayReadyAsync(TimeSpan.FromSeconds(60), ct);
        await w.Phones.EnsureConnectedAsync(DinosaurTopology.Phones, restart: false, ct);
        var runs = new List<ChainRun>();
        var errors = new List<string>();
        var softIrq = CpuTicks.SoftIrqThreads(w.Files);
        var sbc = w.Ns(DinosaurTopology.Sbc);
        using (var server = Iperf.StartServer(w))
        {
            await Iperf.WaitServerAsync(w, ct);

            // provider-tunnel: the sbc's own traffic to the internet router's provider side goes into the provider
            // tunnel for the run, as the phones' does; the phones' target (the echo address) stays on their own route.
            await w.Net.IpAsync("routing the sbc's benchmark traffic into its provider tunnel", sbc, "route", "replace", TunnelRoute, "dev", BackboneTopology.GatewayTunnelDevice);
            try
            {
                // Unrecorded: the first packets of a path pay for ARP, routes and conntrack entries.
                foreach (var path in Paths)
                {
                    await IperfAsync(path, false, 1, ct);
                }

                for (var round = 1; round <= rounds; round++)
                {
                    try
                    {
                        IReadOnlyList<string> order = round % 2 == 1 ? Paths : [.. Paths.Reverse()];
                        foreach (var download in new[] { false, true })
                        {
                            foreach (var path in order)
                            {
                                runs.Add(await MeasureAsync(path, download, round, seconds, softIrq, ct));
                            }
                        }
                    }
                    catch (Exception e) when (e is TimeoutException or InvalidOperationException)
                    {
                        errors.Add($"round {round}: {e.Message}");
                        w.Progress($"bench: round {round}: {e.Message}");
                    }
                }
            }
            finally
            {
                await w.Net.TryRunAsync("ip", ["-n", sbc, "route", "del", TunnelRoute, "dev", BackboneTopology.GatewayTunnelDevice], CancellationToken.None);
                server.Signal(UnixSignals.Kill);
            }
        }

        var summary = ChainStatistics.Summarize(runs);
        return new DinosaurBenchReport(
            w.World.Name,
            started,
            seconds,
            Iperf.WarmupSeconds,
            rounds,
            Environment.ProcessorCount,
            version,
            loadBefore,
            LoadAverage.Read(w.Files),
            runs,
            summary,
            ChainStatistics.Ratios(summary, BenchPaths.ProviderTunnel, [BenchPaths.ChainUdp, BenchPaths.ChainTcpCafe], BenchPaths.ChainUdp, Goal),
            Goal,
            errors);
    }

    private static string TunnelRoute => $"{BackboneTopology.InternetProviderSide}/32";

    private async Task<ChainRun> MeasureAsync(string path, bool download, int round, int seconds, IReadOnlyList<int> softIrq, CancellationToken ct)
    {
        var processes = HopProcesses(path);
        long SoftIrqTicks() => softIrq.Sum(pid => CpuTicks.Read(w.Files, pid) ?? 0);
        var before = processes.Select(p => p.Pid is { } pid ? CpuTicks.Read(w.Files, pid) : null).ToList();
        var softIrqBefore = SoftIrqTicks();
        var startedAt = w.Time.GetTimestamp();
        var (node, target, iperf) = await IperfAsync(path, download, seconds, ct);
        var wall = w.Time.GetElapsedTime(startedAt).TotalSeconds;
        var after = processes.Select(p => p.Pid is { } pid ? CpuTicks.Read(w.Files, pid) : null).ToList();
        var softIrqAfter = SoftIrqTicks();

        double Cores(long? a, long? b) => a is { } x && b is { } y && wall > 0 ? (y - x) / CpuTicks.PerSecond / wall : 0;
        var cores = processes.Select((p, i) => (p.Hop, Cores(before[i], after[i])))
            .Append(("iperf3 (both ends)", (iperf.HostCpuPercent + iperf.RemoteCpuPercent) / 100))
            .Append(("softirq threads", Cores(softIrqBefore, softIrqAfter)))
            .ToList();
        var hops = iperf.Error is null ? ChainStatistics.Hops(cores, iperf.MegabitsPerSecond) : [];
        var busy = Math.Round(hops.Sum(h => h.Cores), 3);
        var clients = processes.Select((p, i) => (p, i)).Where(x => x.p.IsClient).Sum(x => Cores(before[x.i], after[x.i]));
        var servers = processes.Select((p, i) => (p, i)).Where(x => !x.p.IsClient).Sum(x => Cores(before[x.i], after[x.i]));
        var cpu = iperf.Error is null
            ? new CpuUse(Math.Round(clients, 3), Math.Round(servers, 3), Math.Round((iperf.HostCpuPercent + iperf.RemoteCpuPercent) / 100, 3), null, Math.Round(Cores(softIrqBefore, softIrqAfter), 3), busy, ChainStatistics.PerGbps(busy, iperf.MegabitsPerSecond))
            : null;
        var load = LoadAverage.Read(w.Files);
        var result = new ThroughputResult(path, download ? BenchPaths.Download : BenchPaths.Upload, round, node, target.ToString(), Math.Round(iperf.MegabitsPerSecond, 1), iperf.Retransmits, iperf.MssBytes, iperf.Congestion, load.One, cpu, iperf.Error);
        w.Progress(result.Error is null
            ? string.Create(CultureInfo.InvariantCulture, $"bench: round {round} {path} {result.Direction}: {result.MegabitsPerSecond} Mbit/s, {result.Retransmits} retransmits, {busy:0.00} cores busy ({cpu?.CoresPerGbps:0.00}/Gbit/s), load {load.One:0.00}")
            : $"bench: round {round} {path} {result.Direction}: {result.Error}");
        return new ChainRun(result, hops, busy);
    }

    /// <summary>The OpenVPN processes that carry a path, in the order its packets meet them on the way out.</summary>
    private List<(string Hop, int? Pid, bool IsClient)> HopProcesses(string path)
    {
        var sbcClient = ("sbc openvpn client", PidFrom(w.Layout.GatewayOpenVpnPidFile), true);
        var provider = ("provider openvpn server", w.State.Process(BackboneProcessNames.ProviderOpenVpn)?.Pid, false);
        return path switch
        {
            BenchPaths.ChainUdp => [Phone(DuoTopology.PhoneOpen), ("vm access server (udp)", PidFrom(w.VmLayout.AccessServerPidFile("udp")), false), sbcClient, provider],
            BenchPaths.ChainTcpCafe => [Phone(DuoTopology.PhoneCafe), ("vm access server (tcp)", PidFrom(w.VmLayout.AccessServerPidFile("tcp")), false), sbcClient, provider],
            _ => [sbcClient, provider],
        };

        (string, int?, bool) Phone(string phone) => ("phone openvpn client", w.Vm.State.Process(DuoProcessNames.PhoneOpenVpn(phone))?.Pid, true);
    }

    private int? PidFrom(string pidFile)
    {
        try
        {
            return int.TryParse(w.Files.ReadAllText(pidFile).Trim(), out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Runs iperf3 from the path's node to its target: the same settings for every path.</summary>
    private async Task<(string Node, IPAddress Target, IperfRun Run)> IperfAsync(string path, bool download, int seconds, CancellationToken ct)
    {
        var (node, target) = path switch
        {
            BenchPaths.ProviderTunnel => (DinosaurTopology.Sbc, BackboneTopology.InternetProviderSide),
            BenchPaths.ChainUdp => (DuoTopology.PhoneOpen, BackboneTopology.EchoAddress),
            _ => (DuoTopology.PhoneCafe, BackboneTopology.EchoAddress),
        };
        return (node, target, await Iperf.ExecAsync(w, node, target, seconds, download, ct));
    }
}
