using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;
using Causeway.Lab.Machine;
using Causeway.Lab.Probes;
using Causeway.Lab.Uno;

namespace Causeway.Lab.Bench;

/// <summary>
/// `causeway-lab bench`: throughput of three paths with iperf3 (the raw veth; a bare OpenVPN tunnel with
/// OpenVPN's defaults; the laptop through the gateway's Causeway tunnel) and failover times (detection of a dead
/// provider, recovery after it returns, recovery after Causeway's OpenVPN is killed). Reports, never gates.
/// </summary>
/// <remarks>
/// The machine is shared, so one run of each path says little. Both tunnels stay up for the whole throughput
/// phase and are measured in rounds; within a round each direction runs on every path back to back, and the order
/// of the two tunnels alternates from round to round (ABBA), so that a slow drift of the machine's load weighs on
/// both alike. Every run has the same iperf3 settings (one TCP stream, same server, same length, the first second
/// left out), and the report gives medians, spreads, ratios per round and the CPU each path used per Gbit/s.
/// </remarks>
internal sealed partial class UnoBench(UnoWorld w)
{
    private static readonly IPEndPoint Echo = new(BackboneTopology.EchoAddress, BackboneTopology.EchoPort);

    private static readonly string[] PerformanceOptions =
    [
        "fast-io", "sndbuf", "rcvbuf", "txqueuelen", "tun-mtu", "mssfix", "fragment", "ping", "ping-restart",
        "compress", "comp-lzo", "allow-compression", "data-ciphers", "cipher",
    ];

    public async Task<BenchReport> RunAsync(int seconds, int rounds, int failoverRounds, CancellationToken ct)
    {
        var started = w.Time.GetUtcNow();
        var version = (await w.Net.TryRunAsync("openvpn", ["--version"], ct)).StandardOutput.Split('\n')[0].Trim();
        var loadBefore = LoadAverage.Read(w.Files);
        var runs = new List<ThroughputResult>();
        var setup = new List<TunnelSetup>();
        var comparability = new List<string>();
        using (var server = Iperf.StartServer(w))
        {
            await Iperf.WaitServerAsync(w, ct);
            await w.WaitGatewayReadyAsync(TimeSpan.FromSeconds(60), ct);
            BareTunnel? bare = null;
            try
            {
                bare = await BareTunnel.StartAsync(w, ct);
            }
            catch (TimeoutException)
            {
                w.Progress("bench: the bare OpenVPN tunnel did not come up within 30 s; measuring without it");
                runs.Add(new ThroughputResult(BenchPaths.OpenVpnDefaults, BenchPaths.Upload, 0, UnoTopology.Gateway, BackboneTopology.EchoAddress.ToString(), 0, 0, null, null, loadBefore.One, null, "the bare OpenVPN tunnel did not come up"));
            }

            try
            {
                if (bare is not null)
                {
                    setup.Add(await BareSetupAsync(bare, ct));
                }

                setup.Add(await CausewaySetupAsync(ct));
                runs.AddRange(await RoundsAsync(bare, seconds, rounds, ct));
                if (bare is not null)
                {
                    comparability.AddRange(Compare(bare, setup, runs));
                }
            }
            finally
            {
                if (bare is not null)
                {
                    await bare.DisposeAsync();
                }

                server.Signal(UnixSignals.Kill);
            }
        }

        var loadAfter = LoadAverage.Read(w.Files);
        var failover = await FailoverAsync(failoverRounds, ct);
        return new BenchReport(
            w.World.Name,
            started,
            seconds,
            Iperf.WarmupSeconds,
            rounds,
            version,
            loadBefore,
            loadAfter,
            setup,
            comparability,
            runs,
            BenchStatistics.Summarize(runs),
            BenchStatistics.Ratios(runs, BenchPaths.Causeway, BenchPaths.OpenVpnDefaults),
            BenchStatistics.Ratios(runs, BenchPaths.CausewayTunnel, BenchPaths.OpenVpnDefaults),
            failover);
    }

    // ---- throughput ----

    private async Task<List<ThroughputResult>> RoundsAsync(BareTunnel? bare, int seconds, int rounds, CancellationToken ct)
    {
        var softIrq = CpuTicks.SoftIrqThreads(w.Files);
        var paths = new List<string> { BenchPaths.RawVeth, BenchPaths.CausewayTunnel, BenchPaths.Causeway };
        if (bare is not null)
        {
            paths.Insert(1, BenchPaths.OpenVpnDefaults);
        }

        // causeway-tunnel: the gateway's own traffic to the internet router's provider side goes into Causeway's tunnel
        // for the run (the bare tunnel has the echo address), so that both tunnels are measured on the same path.
        var sbc = w.Ns(UnoTopology.Gateway);
        await w.Net.IpAsync("routing the gateway's benchmark traffic into Causeway's tunnel", sbc, "route", "replace", CausewayTunnelRoute, "dev", BackboneTopology.GatewayTunnelDevice);
        try
        {
            return await RoundsOnAsync(paths, bare, seconds, rounds, softIrq, ct);
        }
        finally
        {
            await w.Net.TryRunAsync("ip", ["-n", sbc, "route", "del", CausewayTunnelRoute, "dev", BackboneTopology.GatewayTunnelDevice], CancellationToken.None);
        }
    }

    private static string CausewayTunnelRoute => $"{BackboneTopology.InternetProviderSide}/32";

    private async Task<List<ThroughputResult>> RoundsOnAsync(List<string> paths, BareTunnel? bare, int seconds, int rounds, IReadOnlyList<int> softIrq, CancellationToken ct)
    {

        // Unrecorded: the first packets of a path pay for ARP, routes and conntrack entries.
        foreach (var path in paths)
        {
            await IperfAsync(path, false, 1, ct);
        }

        var runs = new List<ThroughputResult>();
        for (var round = 1; round <= rounds; round++)
        {
            // ABBA: the tunnels' order alternates, so that a drift in the machine's load weighs on both alike.
            var order = round % 2 == 1 ? paths : [paths[0], .. paths.Skip(1).Reverse()];
            foreach (var download in new[] { false, true })
            {
                foreach (var path in order)
                {
                    runs.Add(await MeasureAsync(path, download, round, seconds, bare, softIrq, ct));
                }
            }
        }

        return runs;
    }

    private async Task<ThroughputResult> MeasureAsync(string path, bool download, int round, int seconds, BareTunnel? bare, IReadOnlyList<int> softIrq, CancellationToken ct)
    {
        var (client, server, daemon) = path switch
        {
            BenchPaths.OpenVpnDefaults => (bare?.ClientPid, bare?.ServerPid, (int?)null),
            BenchPaths.Causeway or BenchPaths.CausewayTunnel => (CausewayOpenVpnPid(), w.State.Process(BackboneProcessNames.ProviderOpenVpn)?.Pid, w.State.Process(BackboneProcessNames.Gateway)?.Pid),
            _ => ((int?)null, (int?)null, (int?)null),
        };
        long? Ticks(int? pid, bool children = false) => pid is { } p ? CpuTicks.Read(w.Files, p, children) : null;
        long SoftIrqTicks() => softIrq.Sum(pid => CpuTicks.Read(w.Files, pid) ?? 0);

        var before = (Client: Ticks(client), Server: Ticks(server), Daemon: Ticks(daemon, true), SoftIrq: SoftIrqTicks());
        var startedAt = w.Time.GetTimestamp();
        var (node, target, iperf) = await IperfAsync(path, download, seconds, ct);
        var wall = w.Time.GetElapsedTime(startedAt).TotalSeconds;
        var after = (Client: Ticks(client), Server: Ticks(server), Daemon: Ticks(daemon, true), SoftIrq: SoftIrqTicks());

        double? Cores(long? a, long? b) => a is { } x && b is { } y && wall > 0 ? Math.Round((y - x) / CpuTicks.PerSecond / wall, 3) : null;
        var cpu = iperf.Error is null ? Cpu(Cores(before.Client, after.Client), Cores(before.Server, after.Server), Math.Round((iperf.HostCpuPercent + iperf.RemoteCpuPercent) / 100, 3), Cores(before.Daemon, after.Daemon), Cores(before.SoftIrq, after.SoftIrq) ?? 0, iperf.MegabitsPerSecond) : null;
        var load = LoadAverage.Read(w.Files);
        var result = new ThroughputResult(path, download ? BenchPaths.Download : BenchPaths.Upload, round, node, target.ToString(), Math.Round(iperf.MegabitsPerSecond, 1), iperf.Retransmits, iperf.MssBytes, iperf.Congestion, load.One, cpu, iperf.Error);
        w.Progress(result.Error is null
            ? string.Create(CultureInfo.InvariantCulture, $"bench: round {round} {path} {result.Direction}: {result.MegabitsPerSecond} Mbit/s, {result.Retransmits} retransmits, {cpu?.Total:0.00} cores ({cpu?.CoresPerGbps:0.00}/Gbit/s), load {load.One:0.00}")
            : $"bench: round {round} {path} {result.Direction}: {result.Error}");
        return result;
    }

    private static CpuUse Cpu(double? client, double? server, double iperf3, double? daemon, double softIrq, double mbps)
    {
        var total = Math.Round((client ?? 0) + (server ?? 0) + iperf3 + (daemon ?? 0) + softIrq, 3);
        return new CpuUse(client, server, iperf3, daemon, softIrq, total, mbps > 0 ? Math.Round(total / (mbps / 1000), 3) : null);
    }

    /// <summary>Runs iperf3 from the path's node to its target: the same settings for every path.</summary>
    private async Task<(string Node, IPAddress Target, IperfRun Run)> IperfAsync(string path, bool download, int seconds, CancellationToken ct)
    {
        var (node, target) = path switch
        {
            BenchPaths.RawVeth => (UnoTopology.Gateway, BackboneTopology.InternetGatewaySide),
            // The gateway's own traffic to the echo address is routed into the bare tunnel while it is up.
            BenchPaths.OpenVpnDefaults => (UnoTopology.Gateway, BackboneTopology.EchoAddress),
            BenchPaths.CausewayTunnel => (UnoTopology.Gateway, BackboneTopology.InternetProviderSide),
            _ => (BackboneTopology.Laptop, BackboneTopology.EchoAddress),
        };
        return (node, target, await Iperf.ExecAsync(w, node, target, seconds, download, ct));
    }

    private int? CausewayOpenVpnPid()
    {
        try
        {
            return int.TryParse(w.Files.ReadAllText(w.Layout.GatewayOpenVpnPidFile).Trim(), out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // ---- what each tunnel ran with ----

    private Task<TunnelSetup> BareSetupAsync(BareTunnel bare, CancellationToken ct) =>
        SetupAsync(BenchPaths.OpenVpnDefaults, BareTunnel.Device, bare.ClientOutput, bare.ClientConfigPath, ct);

    private Task<TunnelSetup> CausewaySetupAsync(CancellationToken ct)
    {
        var log = w.Files.Stat(w.Layout.GatewayLog).Exists ? w.Files.ReadAllText(w.Layout.GatewayLog).Split('\n') : [];
        return SetupAsync(BenchPaths.Causeway, BackboneTopology.GatewayTunnelDevice, log, w.Layout.GatewayOpenVpnConfig, ct);
    }

    private async Task<TunnelSetup> SetupAsync(string path, string device, IReadOnlyList<string> log, string configPath, CancellationToken ct)
    {
        var cipher = LastAfter(log, "Data Channel: cipher ") is { } c ? c.Split('\'', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() : null;
        var push = LastAfter(log, "PUSH: Received control message: ")?.Trim('\'');
        var buffers = LastAfter(log, "Socket Buffers: ");
        int? mtu = null, queue = null;
        var link = await w.Net.TryExecAsync(w.Ns(UnoTopology.Gateway), "ip", ["-j", "link", "show", "dev", device], ct);
        if (link.Succeeded)
        {
            using var document = JsonDocument.Parse(link.StandardOutput);
            foreach (var item in document.RootElement.EnumerateArray())
            {
                mtu = item.TryGetProperty("mtu", out var m) ? m.GetInt32() : null;
                queue = item.TryGetProperty("txqlen", out var q) ? q.GetInt32() : null;
            }
        }

        var options = w.Files.Stat(configPath).Exists
            ? w.Files.ReadAllText(configPath).Split('\n').Select(l => l.Trim()).Where(l => PerformanceOptions.Contains(l.Split(' ', 2)[0])).ToList()
            : [];
        return new TunnelSetup(path, device, cipher, push is null ? null : MaskTunnelAddresses(push), buffers, mtu, queue, options);
    }

    private static string? LastAfter(IEnumerable<string> lines, string marker) =>
        lines.LastOrDefault(l => l.Contains(marker, StringComparison.Ordinal)) is { } line
            ? line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim()
            : null;

    /// <summary>The two servers differ only in their client network (10.8.0.0/24, 10.9.0.0/24): mask it.</summary>
    public static string MaskTunnelAddresses(string pushReply) => TunnelAddress().Replace(pushReply, "10.x.0.$1");

    [GeneratedRegex(@"\b10\.[89]\.0\.(\d+)\b")]
    private static partial Regex TunnelAddress();

    /// <summary>Everything that differs between the two tunnels besides the client's own options.</summary>
    private List<string> Compare(BareTunnel bare, IReadOnlyList<TunnelSetup> setup, IReadOnlyList<ThroughputResult> runs)
    {
        var notes = new List<string>();
        if (setup.FirstOrDefault(s => s.Path == BenchPaths.OpenVpnDefaults) is not { } b || setup.FirstOrDefault(s => s.Path == BenchPaths.Causeway) is not { } c)
        {
            return notes;
        }

        if (b.Cipher is null || b.Cipher != c.Cipher)
        {
            notes.Add($"data channel cipher: {b.Cipher ?? "?"} vs {c.Cipher ?? "?"}");
        }

        if (b.PushReply != c.PushReply)
        {
            notes.Add($"the servers pushed different options: '{b.PushReply}' vs '{c.PushReply}'");
        }

        if (b.TunMtu != c.TunMtu)
        {
            notes.Add($"tun MTU: {b.TunMtu} vs {c.TunMtu}");
        }

        // The two servers' configs come from the same function: only the instance's own lines may differ.
        string[] own = ["port", "dev", "server", "status"];
        string Normalized(string file) => string.Join('\n', w.Files.ReadAllText(file).Split('\n').Where(l => !own.Contains(l.Split(' ', 2)[0])));
        if (Normalized(bare.ServerConfigPath) != Normalized(w.Layout.ProviderServerConfig))
        {
            notes.Add($"the servers' configs differ beyond port, device and network: {bare.ServerConfigPath} vs {w.Layout.ProviderServerConfig}");
        }

        foreach (var (what, value) in new (string, Func<ThroughputResult, string?>)[] { ("TCP MSS", r => r.MssBytes?.ToString()), ("congestion control", r => r.Congestion) })
        {
            var seen = runs.Where(r => r.Error is null && r.Path is BenchPaths.OpenVpnDefaults or BenchPaths.Causeway)
                .GroupBy(r => r.Path)
                .ToDictionary(g => g.Key, g => string.Join(",", g.Select(value).Distinct()));
            if (seen.Count == 2 && seen[BenchPaths.OpenVpnDefaults] != seen[BenchPaths.Causeway])
            {
                notes.Add($"{what}: {seen[BenchPaths.OpenVpnDefaults]} vs {seen[BenchPaths.Causeway]}");
            }
        }

        return notes;
    }

    // ---- failover ----

    private async Task<FailoverTimes> FailoverAsync(int rounds, CancellationToken ct)
    {
        var detection = new List<double>();
        var recovery = new List<double>();
        var restart = new List<double>();
        var backoffs = new List<double?>();
        var errors = new List<string>();
        for (var round = 1; round <= rounds; round++)
        {
            try
            {
                await w.WaitGatewayReadyAsync(TimeSpan.FromSeconds(60), ct);
                var killedAt = w.Time.GetUtcNow();
                await w.KillAsync(BackboneProcessNames.ProviderOpenVpn, ct);
                DateTimeOffset? leftConnected = null;
                await Waiting.UntilAsync(
                    async token =>
                    {
                        var status = (await w.GatewayStatusAsync(token)).Status;
                        leftConnected = status?.Tunnel?.StateSince;
                        return status is { IsConnected: false };
                    },
                    TimeSpan.FromSeconds(150), "the gateway to notice the provider is gone", w.Time, ct);
                detection.Add(Math.Round(((leftConnected ?? w.Time.GetUtcNow()) - killedAt).TotalSeconds, 2));

                var started = w.Time.GetTimestamp();
                await w.StartProviderAndWaitAsync(ct);
                await LaptopOnlineAsync(ct);
                recovery.Add(Math.Round(w.Time.GetElapsedTime(started).TotalSeconds, 2));
                await w.WaitGatewayReadyAsync(TimeSpan.FromSeconds(60), ct);

                var openvpn = CausewayOpenVpnPid() is { } pid && w.Processes.IsAlive(pid)
                    ? [pid]
                    : await w.PidsNamedAsync(UnoTopology.Gateway, "openvpn", ct);
                if (openvpn.Count == 0)
                {
                    throw new InvalidOperationException("no OpenVPN runs on the gateway");
                }

                started = w.Time.GetTimestamp();
                foreach (var p in openvpn)
                {
                    await w.Processes.SignalAsync(p, UnixSignals.Kill, ct);
                }

                await Waiting.UntilAsync(() => openvpn.All(p => !w.Processes.IsAlive(p)), TimeSpan.FromSeconds(10), "OpenVPN to die", w.Time, ct);
                backoffs.Add(await BackoffAsync(ct));
                await LaptopOnlineAsync(ct);
                restart.Add(Math.Round(w.Time.GetElapsedTime(started).TotalSeconds, 2));
                w.Progress($"bench: round {round}: detection {detection[^1]} s, recovery after the provider returned {recovery[^1]} s, after OpenVPN was killed {restart[^1]} s (of which the supervisor's backoff {backoffs[^1]?.ToString(CultureInfo.InvariantCulture) ?? "?"} s)");
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                errors.Add($"round {round}: {e.Message}");
                w.Progress($"bench: round {round}: {e.Message}");
                if (!w.IsRunning(BackboneProcessNames.ProviderOpenVpn))
                {
                    await w.StartProviderAndWaitAsync(ct);
                }
            }
        }

        return new FailoverTimes(detection, recovery, restart, backoffs, errors);
    }

    /// <summary>The supervisor's announced wait ("...; restarting in 2 s") after OpenVPN died, or null if not seen.</summary>
    private async Task<double?> BackoffAsync(CancellationToken ct)
    {
        double? backoff = null;
        await Waiting.TryUntilAsync(
            async token =>
            {
                var detail = (await w.GatewayStatusAsync(token)).Status?.Tunnel?.Detail;
                if (detail is not null && RestartingIn().Match(detail) is { Success: true } match)
                {
                    backoff = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                    return true;
                }

                return false;
            },
            TimeSpan.FromSeconds(5),
            w.Time,
            ct);
        return backoff;
    }

    [GeneratedRegex(@"restarting in ([0-9.]+) s")]
    private static partial Regex RestartingIn();

    private Task<TimeSpan> LaptopOnlineAsync(CancellationToken ct) =>
        Waiting.UntilAsync(
            async token =>
            {
                var probe = await w.EchoProbeAsync(BackboneTopology.Laptop, Echo, "tcp", 1, TimeSpan.FromMilliseconds(300), TimeSpan.Zero, token);
                return probe.AnsweredAs(BackboneTopology.ProviderAddress.ToString());
            },
            TimeSpan.FromSeconds(120),
            "the laptop to reach the internet through the provider",
            w.Time,
            ct);
}
