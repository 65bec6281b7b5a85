using System.Net;
using Causeway.Engine.Seams;
using Causeway.Lab.Machine;
using Causeway.Lab.Uno;

namespace Causeway.Lab.Bench;

/// <summary>
/// `causeway lab bench`: throughput of three paths with iperf3 (the raw veth; a bare OpenVPN tunnel with
/// OpenVPN's defaults; the laptop through the gateway's Causeway tunnel) and failover times (detection of a dead
/// provider, recovery after it returns, recovery after Causeway's OpenVPN is killed). Reports, never gates.
/// </summary>
internal sealed class UnoBench(UnoWorld w)
{
    private const string BareDevice = "tunbench";
    private const string BareServerDevice = "tunprov2";
    private const int BarePort = 1195;
    private const string BareNetwork = "10.9.0.0";
    private const string BareNatTable = "cwbenchnat";
    private static readonly IPEndPoint Echo = new(UnoTopology.EchoAddress, UnoTopology.EchoPort);

    public async Task<BenchReport> RunAsync(int seconds, int rounds, CancellationToken ct)
    {
        var started = w.Time.GetUtcNow();
        var version = (await w.Net.TryRunAsync("openvpn", ["--version"], ct)).StandardOutput.Split('\n')[0].Trim();
        var throughput = new List<ThroughputResult>();
        using (var server = Iperf.StartServer(w))
        {
            await Iperf.WaitServerAsync(w, ct);
            throughput.AddRange(await BothWaysAsync("raw-veth", UnoTopology.Gateway, UnoTopology.InternetGatewaySide, seconds, ct));
            throughput.AddRange(await BareTunnelAsync(seconds, ct));
            throughput.AddRange(await BothWaysAsync("causeway", UnoTopology.Laptop, UnoTopology.EchoAddress, seconds, ct));
            server.Signal(UnixSignals.Kill);
        }

        var failover = await FailoverAsync(rounds, ct);
        return new BenchReport(w.World.Name, started, seconds, version, throughput, failover);
    }

    private async Task<IReadOnlyList<ThroughputResult>> BothWaysAsync(string path, string node, IPAddress target, int seconds, CancellationToken ct) =>
        [await Iperf.RunAsync(w, path, node, target, seconds, download: false, ct), await Iperf.RunAsync(w, path, node, target, seconds, download: true, ct)];

    /// <summary>
    /// A second OpenVPN server on the provider (port 1195, 10.9.0.0/24, same PKI) and a plain OpenVPN client on the
    /// gateway with the provider's profile and OpenVPN's defaults (only the scripts and routes taken out), next to
    /// Causeway's own tunnel; the gateway's traffic to the internet's server is routed into it for the run.
    /// </summary>
    private async Task<IReadOnlyList<ThroughputResult>> BareTunnelAsync(int seconds, CancellationToken ct)
    {
        var prov = w.Ns(UnoTopology.Provider);
        var sbc = w.Ns(UnoTopology.Gateway);
        var serverConfig = Path.Combine(w.Layout.ProviderDirectory, "bench-server.conf");
        var clientConfig = Path.Combine(w.Layout.GatewayDirectory, "bench-client.conf");
        var verify = $"{w.Binary} lab verify-auth {w.Layout.ProviderExpectedAuth}";
        w.Files.WriteAllTextAtomic(serverConfig, ProviderServerConfig.Build(w.Layout.ProviderDirectory, verify, new ProviderServerInstance(BarePort, BareServerDevice, BareNetwork)), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        w.Files.WriteAllTextAtomic(clientConfig, BareClientConfig(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await w.Net.NftAsync("adding NAT for the benchmark's second server", prov, $$"""
            table ip {{BareNatTable}} {
                chain postrouting {
                    type nat hook postrouting priority srcnat; policy accept;
                    ip saddr {{BareNetwork}}/24 oifname "{{UnoTopology.ProviderUplink}}" masquerade
                }
            }
            """, ct);

        var serverUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clientUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = w.Environment.Launcher.Start(new ProcessSpec("ip", ["netns", "exec", prov, "openvpn", "--config", serverConfig], DieWithParent: true, OnOutputLine: line => Ready(line, serverUp)));
        using var client = w.Environment.Launcher.Start(new ProcessSpec("ip", ["netns", "exec", sbc, "openvpn", "--config", clientConfig], DieWithParent: true, OnOutputLine: line => Ready(line, clientUp)));
        var route = $"{UnoTopology.EchoAddress}/32";
        try
        {
            await Task.WhenAll(serverUp.Task, clientUp.Task).WaitAsync(TimeSpan.FromSeconds(30), w.Time, ct);
            await w.Net.IpAsync("routing the gateway's benchmark traffic into the bare tunnel", sbc, "route", "add", route, "dev", BareDevice);
            return await BothWaysAsync("openvpn-defaults", UnoTopology.Gateway, UnoTopology.EchoAddress, seconds, ct);
        }
        catch (TimeoutException)
        {
            w.Progress("bench: the bare OpenVPN tunnel did not come up within 30 s");
            return [new ThroughputResult("openvpn-defaults", "upload", UnoTopology.Gateway, UnoTopology.EchoAddress.ToString(), 0, 0, "the bare OpenVPN tunnel did not come up")];
        }
        finally
        {
            await w.Net.TryRunAsync("ip", ["-n", sbc, "route", "del", route, "dev", BareDevice], CancellationToken.None);
            client.Signal(UnixSignals.Terminate);
            server.Signal(UnixSignals.Terminate);
            await Task.WhenAll(client.Exited, server.Exited).WaitAsync(TimeSpan.FromSeconds(10), w.Time, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
            client.Signal(UnixSignals.Kill);
            server.Signal(UnixSignals.Kill);
            await w.Net.TryExecAsync(prov, "nft", ["delete", "table", "ip", BareNatTable], CancellationToken.None);
        }

        static void Ready(string line, TaskCompletionSource ready)
        {
            if (line.Contains("Initialization Sequence Completed", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }
    }

    /// <summary>The provider's profile with its scripts, redirect-gateway and device taken out, everything else OpenVPN's default.</summary>
    private string BareClientConfig()
    {
        string[] dropped = ["up", "down", "script-security", "redirect-gateway", "dev", "auth-user-pass", "remote"];
        var kept = w.Files.ReadAllText(w.Layout.GatewayProfile).Split('\n')
            .Where(line => !dropped.Contains(line.Split(' ', 2)[0].Trim()));
        return string.Join('\n', kept) + $"""

            remote {UnoTopology.ProviderAddress} {BarePort}
            dev {BareDevice}
            dev-type tun
            auth-user-pass {w.Layout.GatewayAuth}
            route-noexec

            """;
    }

    private async Task<FailoverTimes> FailoverAsync(int rounds, CancellationToken ct)
    {
        var detection = new List<double>();
        var recovery = new List<double>();
        var restart = new List<double>();
        var errors = new List<string>();
        for (var round = 1; round <= rounds; round++)
        {
            try
            {
                await w.WaitGatewayReadyAsync(TimeSpan.FromSeconds(60), ct);
                await w.KillAsync(UnoProcessNames.ProviderOpenVpn, ct);
                var noticed = await Waiting.UntilAsync(
                    async token => (await w.GatewayStatusAsync(token)).Status is { IsConnected: false },
                    TimeSpan.FromSeconds(150), "the gateway to notice the provider is gone", w.Time, ct);
                detection.Add(Math.Round(noticed.TotalSeconds, 2));

                var started = w.Time.GetTimestamp();
                await w.StartProviderAndWaitAsync(ct);
                await LaptopOnlineAsync(ct);
                recovery.Add(Math.Round(w.Time.GetElapsedTime(started).TotalSeconds, 2));
                await w.WaitGatewayReadyAsync(TimeSpan.FromSeconds(60), ct);

                var openvpn = await w.PidsNamedAsync(UnoTopology.Gateway, "openvpn", ct);
                if (openvpn.Count == 0)
                {
                    throw new InvalidOperationException("no OpenVPN runs on the gateway");
                }

                foreach (var pid in openvpn)
                {
                    await w.Processes.SignalAsync(pid, UnixSignals.Kill, ct);
                }

                started = w.Time.GetTimestamp();
                await Waiting.UntilAsync(() => openvpn.All(pid => !w.Processes.IsAlive(pid)), TimeSpan.FromSeconds(10), "OpenVPN to die", w.Time, ct);
                await LaptopOnlineAsync(ct);
                restart.Add(Math.Round(w.Time.GetElapsedTime(started).TotalSeconds, 2));
                w.Progress($"bench: round {round}: detection {detection[^1]} s, recovery after the provider returned {recovery[^1]} s, after OpenVPN was killed {restart[^1]} s");
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                errors.Add($"round {round}: {e.Message}");
                w.Progress($"bench: round {round}: {e.Message}");
                if (!w.IsRunning(UnoProcessNames.ProviderOpenVpn))
                {
                    await w.StartProviderAndWaitAsync(ct);
                }
            }
        }

        return new FailoverTimes(detection, recovery, restart, errors);
    }

    private Task<TimeSpan> LaptopOnlineAsync(CancellationToken ct) =>
        Waiting.UntilAsync(
            async token =>
            {
                var probe = await w.EchoProbeAsync(UnoTopology.Laptop, Echo, "tcp", 1, TimeSpan.FromMilliseconds(300), TimeSpan.Zero, token);
                return probe.Answered > 0 && probe.SeenAs.SequenceEqual([UnoTopology.ProviderAddress.ToString()]);
            },
            TimeSpan.FromSeconds(120),
            "the laptop to reach the internet through the provider",
            w.Time,
            ct);
}
