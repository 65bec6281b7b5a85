using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;
using Causeway.Lab.Duo;
using Causeway.Lab.Machine;

namespace Causeway.Lab.Bench;

/// <summary>
/// `causeway-lab bench duo`: the open network's phone → VM (access server) → provider → the internet's iperf3, once
/// over UDP 1194 (as it connects) and once over TCP 443 (its network made to drop UDP to the VM, its stock OpenVPN
/// restarted, the same profile falling back to TCP), in rounds that alternate; the same over TCP from the café's
/// phone, whose network drops all UDP; and the access hop alone (the phone to an iperf3 on the VM's end of its
/// tunnel). Reports TCP / UDP (goal: at least 0.6). Reports, never gates.
/// </summary>
internal sealed class DuoBench(DuoWorld w)
{
    public const double Goal = 0.6;
    private const string BlockTable = "cwlabbench";
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(90);

    public async Task<DuoBenchReport> RunAsync(int seconds, int rounds, CancellationToken ct)
    {
        var started = w.Time.GetUtcNow();
        var version = (await w.Net.TryRunAsync("openvpn", ["--version"], ct)).StandardOutput.Split('\n')[0].Trim();
        var runs = new List<ThroughputResult>();
        var errors = new List<string>();
        var phone = DuoTopology.PhoneOpen;
        var client = w.State.AccessClient(DuoTopology.ClientName(phone))
            ?? throw new InvalidOperationException($"no client for {phone}: build the world with `causeway up` running");
        await w.WaitGatewayReadyAsync(TimeSpan.FromSeconds(60), ct);
        using (var server = Iperf.StartServer(w))
        using (var vmServer = Iperf.StartServer(w, DuoTopology.Vm))
        {
            await Iperf.WaitServerAsync(w, ct);
            await Iperf.WaitServerAsync(w, DuoTopology.Vm, DuoTopology.AccessUdpServerAddress, ct);
            try
            {
                for (var round = 1; round <= rounds; round++)
                {
                    try
                    {
                        await OnTransportAsync(client, "udp", ct);
                        runs.AddRange(await BothWaysAsync("udp-1194", round, phone, BackboneTopology.EchoAddress, seconds, ct));
                        runs.AddRange(await BothWaysAsync("udp-1194-vm", round, phone, DuoTopology.AccessUdpServerAddress, seconds, ct));
                        await OnTransportAsync(client, "tcp", ct);
                        runs.AddRange(await BothWaysAsync("tcp-443", round, phone, BackboneTopology.EchoAddress, seconds, ct));
                        runs.AddRange(await BothWaysAsync("tcp-443-vm", round, phone, DuoTopology.AccessTcpServerAddress, seconds, ct));
                        runs.AddRange(await BothWaysAsync("tcp-443-cafe", round, DuoTopology.PhoneCafe, BackboneTopology.EchoAddress, seconds, ct));
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
                // The phone as the world had it: on its open network, over UDP.
                await OnTransportAsync(client, "udp", CancellationToken.None);
                server.Signal(UnixSignals.Kill);
                vmServer.Signal(UnixSignals.Kill);
            }
        }

        return new DuoBenchReport(w.World.Name, started, seconds, rounds, version, runs, Ratios(runs), Goal, errors);
    }

    private async Task<IReadOnlyList<ThroughputResult>> BothWaysAsync(string path, int round, string node, System.Net.IPAddress target, int seconds, CancellationToken ct) =>
        [await Iperf.RunAsync(w, path, round, node, target, seconds, download: false, ct), await Iperf.RunAsync(w, path, round, node, target, seconds, download: true, ct)];

    /// <summary>
    /// Puts the phone's session on <paramref name="transport"/>: for TCP its network drops UDP to the VM (as the café's
    /// does), for UDP it does not; then its stock OpenVPN starts again on the same profile and finds its way.
    /// </summary>
    private async Task OnTransportAsync(Causeway.Lab.State.LabAccessClient client, string transport, CancellationToken ct)
    {
        var phone = client.Node;
        var listed = await w.Phones.ClientAsync(client.Name, ct);
        var blocked = (await w.Net.TryExecAsync(w.Ns(phone), "nft", ["list", "table", "inet", BlockTable], ct)).Succeeded;
        if (listed is { Sessions.Count: 1 } && listed.Sessions[0].Transport == transport && blocked == (transport == "tcp") && w.IsRunning(DuoProcessNames.PhoneOpenVpn(phone)))
        {
            return;
        }

        await StopPhoneAsync(phone, ct);
        if (transport == "tcp")
        {
            await w.Net.NftAsync("making the phone's network drop UDP to the VM", w.Ns(phone), $$"""
                table inet {{BlockTable}} {
                    chain output {
                        type filter hook output priority filter; policy accept;
                        ip daddr {{DuoTopology.PublicAddress}} udp dport {{DuoTopology.AccessUdpPort}} counter drop comment "udp-to-the-vm-dropped"
                    }
                }
                """, ct);
        }
        else if (blocked)
        {
            await w.Net.ExecAsync("letting the phone's UDP through again", w.Ns(phone), "nft", ["delete", "table", "inet", BlockTable], ct);
        }

        w.Phones.StartPhone(client);
        var took = await Waiting.UntilAsync(
            async token => (await w.Phones.ClientAsync(client.Name, token))?.Sessions.Any(s => s.Transport == transport) == true && await w.Phones.TunnelAddressAsync(phone, token) is not null,
            ConnectTimeout,
            $"{phone} to connect over {transport}",
            w.Time,
            ct);
        w.Progress($"bench: {phone} connected over {transport} after {took.TotalSeconds:0.0} s");
    }

    /// <summary>SIGTERM, so that the client says goodbye (explicit-exit-notify) and the server frees its session; SIGKILL after 10 s.</summary>
    private async Task StopPhoneAsync(string phone, CancellationToken ct)
    {
        if (w.State.Process(DuoProcessNames.PhoneOpenVpn(phone)) is not { } record || !w.Processes.IsAlive(record.Pid, record.StartTicks))
        {
            return;
        }

        await w.Processes.SignalAsync(record.Pid, UnixSignals.Terminate, ct);
        if (await Waiting.TryUntilAsync(_ => Task.FromResult(!w.Processes.IsAlive(record.Pid, record.StartTicks)), TimeSpan.FromSeconds(10), w.Time, ct) is null)
        {
            await w.KillAsync(record.Name, ct);
        }
    }

    private static List<TransportRatio> Ratios(IReadOnlyList<ThroughputResult> runs)
    {
        var ratios = new List<TransportRatio>();
        foreach (var (to, suffix) in new[] { ("internet", string.Empty), ("vm", "-vm") })
        {
            double sumUdp = 0, sumTcp = 0;
            foreach (var direction in new[] { "upload", "download" })
            {
                var udp = Median(runs, "udp-1194" + suffix, direction);
                var tcp = Median(runs, "tcp-443" + suffix, direction);
                sumUdp += udp;
                sumTcp += tcp;
                ratios.Add(Ratio(to, direction, udp, tcp));
            }

            ratios.Add(Ratio(to, "both", sumUdp, sumTcp));
        }

        return ratios;

        static TransportRatio Ratio(string to, string direction, double udp, double tcp)
        {
            double? ratio = udp > 0 ? Math.Round(tcp / udp, 2) : null;
            return new TransportRatio(to, direction, Math.Round(udp, 1), Math.Round(tcp, 1), ratio, ratio >= Goal);
        }
    }

    private static double Median(IEnumerable<ThroughputResult> runs, string path, string direction)
    {
        var values = runs.Where(r => r.Path == path && r.Direction == direction && r.Error is null).Select(r => r.MegabitsPerSecond).Order().ToList();
        return values.Count == 0 ? 0 : values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}
