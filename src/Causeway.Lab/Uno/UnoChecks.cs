using System.Net;
using Causeway.Lab.Backbone;
using Causeway.Lab.Checks;
using Causeway.Lab.Leaks;
using Causeway.Lab.Machine;
using Causeway.Lab.Probes;
using Causeway.Lab.Worlds;
using static Causeway.Lab.Probes.ProbeVerdicts;

namespace Causeway.Lab.Uno;

/// <summary>
/// `causeway-lab check`: the Uno checks, run in an order where each phase sets up the next (tunnel up, provider
/// down, provider back, gateway killed, one layer removed, the other, both, a reboot with the boot step and a new
/// `causeway up`, `causeway down`),
/// and reported in the fixed order of <see cref="UnoCheckNames.All"/>. The world is put back as it was found.
/// </summary>
internal sealed class UnoChecks(UnoWorld w) : WorldChecks(w)
{
    private const int UdpProbes = 20;
    private const int TcpProbes = 5;
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(10);
    private static readonly IPEndPoint Echo6 = new(BackboneTopology.EchoAddress6, BackboneTopology.EchoPort);
    private static readonly IPEndPoint HostEcho6 = new(BackboneTopology.HostEchoAddress6, BackboneTopology.EchoPort);
    private static readonly IPEndPoint OverlayDns = new(BackboneTopology.GatewayOverlayAddress, 53);

    private string? _dnsWhileUp;
    private bool _dnsWhileUpPassed;

    protected override string GatewayLabel => "gateway";

    protected override string ReadySubject => "the gateway";

    protected override IReadOnlyList<string> Order => UnoCheckNames.All;

    protected override string LifetimeCheck => UnoCheckNames.NoLeaksForTheLifeOfTheWorld;

    protected override string CountedOn => UnoTopology.InternetToGateway;

    protected override TimeSpan RestoreLimit => TimeSpan.FromMinutes(2);

    private string Sbc => w.Ns(UnoTopology.Gateway);

    protected override async Task RunChecksAsync(CancellationToken ct)
    {
        await Checks.RunAsync(UnoCheckNames.EgressViaProvider, EgressViaProviderAsync, ct);
        await Checks.RunAsync(UnoCheckNames.HostRouteUntouched, HostRouteUntouchedAsync, ct);
        await Checks.RunAsync(UnoCheckNames.HostTrafficDirect, HostTrafficDirectAsync, ct);
        await DnsWhileUpAsync(ct);
        await Checks.RunAsync(UnoCheckNames.Ipv6NotLeaked, Ipv6NotLeakedAsync, ct);
        await Checks.RunAsync(UnoCheckNames.TunnelInjectionNoLeak, token => new TunnelInjectionCheck(w).RunAsync(UnoCheckNames.TunnelInjectionNoLeak, BackboneTopology.Laptop, UnoTopology.InternetToGateway, token), ct);
        await Checks.RunAsync(UnoCheckNames.KillSwitchProviderDown, ProviderDownAsync, ct);
        await Checks.RunAsync(UnoCheckNames.RecoversAfterProviderRestart, RecoveryAsync, ct);
        await Checks.RunAsync(UnoCheckNames.KillSwitchOpenVpnKilled, OpenVpnKilledAsync, ct);
        await Checks.RunAsync(UnoCheckNames.KillSwitchRouteLayerAlone, RouteLayerAloneAsync, ct);
        await Checks.RunAsync(UnoCheckNames.KillSwitchNftLayerAlone, NftLayerAloneAsync, ct);
        await Checks.RunAsync(UnoCheckNames.LeakDetectorSeesLeaks, LeakDetectorAsync, ct);
        await Checks.RunAsync(
            UnoCheckNames.RebootNoLeak,
            token => new RebootCheck(w, Layers).RunAsync(UnoCheckNames.RebootNoLeak, BackboneTopology.Laptop, (label, t) => WindowAsync(label, ipv6: false, t), token),
            ct);

        // The reboot check ends with a new `causeway up` converged; only if it did not is one started here.
        if (!await GatewayReadyAsync(ct))
        {
            await RestartGatewayAsync("after the kill-switch checks", ct);
        }

        await Checks.RunAsync(UnoCheckNames.DownLeavesNoResidue, DownLeavesNoResidueAsync, ct);
    }

    // ---- tunnel up ----

    private async Task<LabCheckResult> EgressViaProviderAsync(CancellationToken ct)
    {
        var window = await WindowAsync("tunnel up", ipv6: false, ct);
        var provider = BackboneTopology.ProviderAddress.ToString();
        var passed = window.Probes.All(p => p.Answered > 0)
            && window.SeenAs.SequenceEqual([provider])
            && window.Leaked == 0 && window.CaptureLive && window.LaptopTried;
        return new(UnoCheckNames.EgressViaProvider, passed,
            $"the internet's echo service saw the laptop as {Seen(window.SeenAs)} (the provider is {provider}); {window.Evidence}");
    }

    private async Task<LabCheckResult> HostRouteUntouchedAsync(CancellationToken ct)
    {
        var (passed, evidence) = await HostRoutesAsync(ct);
        return new(UnoCheckNames.HostRouteUntouched, passed, evidence);
    }

    private async Task<LabCheckResult> HostTrafficDirectAsync(CancellationToken ct)
    {
        // To the host's own echo service: an address no client talks to, so that this is never taken for client traffic.
        var tcp = await w.EchoProbeAsync(UnoTopology.Gateway, HostEcho, "tcp", 3, TimeSpan.FromSeconds(2), TimeSpan.Zero, ct);
        var udp = await w.EchoProbeAsync(UnoTopology.Gateway, HostEcho, "udp", 3, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10), ct);
        var tcp6 = await w.EchoProbeAsync(UnoTopology.Gateway, HostEcho6, "tcp", 3, TimeSpan.FromSeconds(2), TimeSpan.Zero, ct);
        var own4 = BackboneTopology.GatewayAddress.ToString();
        var own6 = BackboneTopology.GatewayAddress6.ToString();
        var passed = tcp.AllAnsweredAs(own4) && udp.AllAnsweredAs(own4) && tcp6.AllAnsweredAs(own6);
        return new(UnoCheckNames.HostTrafficDirect, passed,
            $"the gateway's own traffic reached the host's echo service ({HostEcho}, {HostEcho6}) as {Describe(tcp)}, {Describe(udp)}, {Describe(tcp6)} "
            + $"(its uplink addresses are {own4} and {own6}; through the tunnel it would be {BackboneTopology.ProviderAddress})");

        static string Describe(EchoProbeResult r) => $"{Seen(r.SeenAs)} ({r.Answered}/{r.Requested} {r.Protocol} answered)";
    }

    private async Task DnsWhileUpAsync(CancellationToken ct)
    {
        try
        {
            var udp = await w.DnsProbeAsync(BackboneTopology.Laptop, OverlayDns, BackboneTopology.LabDnsName, "TXT", "udp", TimeSpan.FromSeconds(3), ct);
            var tcp = await w.DnsProbeAsync(BackboneTopology.Laptop, OverlayDns, BackboneTopology.LabDnsName, "TXT", "tcp", TimeSpan.FromSeconds(3), ct);
            var (status, _) = await w.GatewayStatusAsync(ct);
            _dnsWhileUpPassed = FromProvider(udp) && FromProvider(tcp);
            _dnsWhileUp = $"tunnel up: the laptop asked {OverlayDns} for TXT {BackboneTopology.LabDnsName}: {DescribeDns(udp)}, {DescribeDns(tcp)} "
                + $"(the provider's server says {BackboneTopology.ProviderDnsTxt}, the internet's {BackboneTopology.InternetDnsTxt}; "
                + $"pushed DNS per the gateway: {string.Join(", ", status?.Tunnel?.PushedDns ?? [])})";
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            _dnsWhileUp = $"tunnel up: error: {e.Message}";
        }

        w.Progress($"check: dns-via-tunnel (tunnel up): {_dnsWhileUp}");

        static bool FromProvider(DnsProbeResult r) => r.Answered && r.ResponseCode == 0 && r.Answers.Contains(BackboneTopology.ProviderDnsTxt);
    }

    private async Task<LabCheckResult> Ipv6NotLeakedAsync(CancellationToken ct)
    {
        var forwarding = await w.Net.ReadSysctlAsync(Sbc, "net.ipv6.conf.all.forwarding", ct);
        var route6 = w.State.GatewayDefaultRoutes.FirstOrDefault(r => r.Contains(BackboneTopology.InternetGatewaySide6.ToString(), StringComparison.Ordinal));
        var window = await WindowAsync("tunnel up, IPv6", ipv6: true, ct);
        var passed = forwarding == "1" && route6 is not null && window.SealedShut;
        return new(UnoCheckNames.Ipv6NotLeaked, passed,
            $"the gateway forwards IPv6 (net.ipv6.conf.all.forwarding={forwarding}) and has an IPv6 default route ({route6 ?? "none"}), "
            + $"yet: {window.Evidence}");
    }

    // ---- the provider goes away, and comes back ----

    private async Task<LabCheckResult> ProviderDownAsync(CancellationToken ct)
    {
        var pid = w.State.Process(BackboneProcessNames.ProviderOpenVpn)?.Pid;
        await w.KillAsync(BackboneProcessNames.ProviderOpenVpn, ct);
        var justKilled = await WindowAsync("provider's server just SIGKILLed", ipv6: false, ct);

        var dns = await w.DnsProbeAsync(BackboneTopology.Laptop, OverlayDns, BackboneTopology.LabDnsName, "TXT", "udp", TimeSpan.FromSeconds(3), ct);
        RecordDns(dns);

        var (noticed, notice) = await ProviderDownNoticedAsync(ct);
        var reconnecting = await WindowAsync(noticed is null ? "provider down, gateway still says connected" : "provider down, gateway reconnecting", ipv6: false, ct);
        var passed = justKilled.SealedShut && reconnecting.SealedShut;
        return new(UnoCheckNames.KillSwitchProviderDown, passed,
            $"the provider's OpenVPN server (pid {pid}) was SIGKILLed; {justKilled.Evidence}; {notice}; {reconnecting.Evidence}");
    }

    private void RecordDns(DnsProbeResult whileDown)
    {
        var unanswered = !whileDown.Answered;
        var passed = _dnsWhileUpPassed && unanswered;
        Checks.Record(new(UnoCheckNames.DnsViaTunnel, passed,
            $"{_dnsWhileUp ?? "tunnel up: not measured"}; provider down: {DescribeDns(whileDown)}"));
    }

    private async Task<LabCheckResult> RecoveryAsync(CancellationToken ct)
    {
        var started = w.Time.GetTimestamp();
        var ready = await w.StartProviderAndWaitAsync(ct);
        var last = await InternetBackThroughProviderAsync(BackboneTopology.Laptop, "the laptop's", ct);
        var back = w.Time.GetElapsedTime(started);
        var (took, status) = await w.WaitGatewayReadyAsync(TimeSpan.FromSeconds(30), ct);
        return new(UnoCheckNames.RecoversAfterProviderRestart, back <= RecoveryLimit,
            $"internet back for the laptop {back.TotalSeconds:0.0} s after the provider's server was restarted (limit {RecoveryLimit.TotalSeconds:0} s; "
            + $"the server was ready after {ready.TotalSeconds:0.0} s), seen as {Seen(last.SeenAs)}; gateway: {status.Summary}");
    }

    // ---- the gateway's own processes die; then the layers one by one ----

    private async Task<LabCheckResult> OpenVpnKilledAsync(CancellationToken ct)
    {
        var gateway = w.State.Process(BackboneProcessNames.Gateway)
            ?? throw new InvalidOperationException("no gateway process is recorded");
        var openvpn = await w.PidsNamedAsync(UnoTopology.Gateway, "openvpn", ct);
        // Both at once, the daemon first so that it cannot start another OpenVPN.
        await w.Processes.SignalAsync(gateway.Pid, Engine.Seams.UnixSignals.Kill, ct);
        foreach (var pid in openvpn)
        {
            await w.Processes.SignalAsync(pid, Engine.Seams.UnixSignals.Kill, ct);
        }

        await Waiting.UntilAsync(
            () => !w.Processes.IsAlive(gateway.Pid, gateway.StartTicks) && openvpn.All(pid => !w.Processes.IsAlive(pid)),
            TimeSpan.FromSeconds(10), "Causeway and OpenVPN to die", w.Time, ct);
        var tunGone = await Waiting.TryUntilAsync(
            async token => !(await w.Net.TryRunAsync("ip", ["-n", Sbc, "link", "show", BackboneTopology.GatewayTunnelDevice], token)).Succeeded,
            TimeSpan.FromSeconds(10), w.Time, ct);
        var window = await WindowAsync("Causeway and OpenVPN SIGKILLed", ipv6: false, ct);
        var passed = openvpn.Count > 0 && tunGone is not null && window.SealedShut;
        return new(UnoCheckNames.KillSwitchOpenVpnKilled, passed,
            $"SIGKILLed `causeway up` (pid {gateway.Pid}) and its OpenVPN (pid {(openvpn.Count > 0 ? string.Join(", ", openvpn) : "none found")}); "
            + $"{BackboneTopology.GatewayTunnelDevice} {(tunGone is null ? "still exists" : "is gone")}; {window.Evidence}");
    }

    private async Task<LabCheckResult> RouteLayerAloneAsync(CancellationToken ct)
    {
        var rules = await Layers.RulesAsync(ct);
        var table = await Layers.SaveNftTableAsync(ct);
        await Layers.DeleteNftTableAsync(ct);
        LeakWindow window;
        try
        {
            window = await WindowAsync("route layer alone: nft table removed, tunnel down", ipv6: false, ct);
        }
        finally
        {
            // Put the nft layer back exactly as it was, for the next check.
            await Layers.RestoreNftTableAsync(table, CancellationToken.None);
        }
        var passed = rules.Count > 0 && window.SealedShut;
        return new(UnoCheckNames.KillSwitchRouteLayerAlone, passed,
            $"removed table inet {BackboneTopology.GatewayNftTable}; left {rules.Count} ip rules ({string.Join("; ", rules)}) and route table {BackboneTopology.GatewayRouteTable}; {window.Evidence}");
    }

    private async Task<LabCheckResult> NftLayerAloneAsync(CancellationToken ct)
    {
        var removed = await Layers.RemoveRouteLayerAsync(ct);
        var nft = await w.Net.TryExecAsync(Sbc, "nft", ["list", "table", "inet", BackboneTopology.GatewayNftTable], ct);
        var window = await WindowAsync("nft layer alone: ip rules and route table removed, tunnel down", ipv6: false, ct);
        var passed = removed.Count > 0 && nft.Succeeded && window.SealedShut;
        return new(UnoCheckNames.KillSwitchNftLayerAlone, passed,
            $"removed the route layer ({string.Join("; ", removed)}); "
            + $"table inet {BackboneTopology.GatewayNftTable} {(nft.Succeeded ? "left in place" : "missing")}; {window.Evidence}");
    }

    /// <summary>
    /// The negative control. Its window, from the removal of the first layer to the second canary, is recorded in the
    /// lab state (even if it fails), so that the world's whole-life count leaves out the leaks caused here on purpose.
    /// </summary>
    private async Task<LabCheckResult> LeakDetectorAsync(CancellationToken ct)
    {
        var from = w.Time.GetUtcNow();
        var before = await w.LeakCountersAsync(ct);
        try
        {
            await Layers.DeleteNftTableAsync(ct);
            await Layers.RemoveRouteLayerAsync(ct);
            // The negative control needs a host that forwards: the point is to see what the detector does when
            // nothing stops the overlay's packets.
            var forwarding = await w.Net.ReadSysctlAsync(Sbc, "net.ipv4.ip_forward", ct);
            if (forwarding != "1")
            {
                await w.Net.SysctlAsync(Sbc, "net.ipv4.ip_forward", "1", ct);
            }

            var window = await WindowAsync("negative control: both layers removed, tunnel down", ipv6: false, ct);
            var passed = window.Leaked > 0 && window.Counts[LeakCounterRuleset.LeakFromOverlay] > 0 && window.CaptureLive && window.LaptopTried;
            return new(UnoCheckNames.LeakDetectorSeesLeaks, passed,
                $"both layers removed (net.ipv4.ip_forward was {forwarding}{(forwarding != "1" ? ", set to 1 for the control" : string.Empty)}); "
                + $"the detector must see leaks: {window.Evidence}");
        }
        finally
        {
            await w.RecordNegativeControlAsync(UnoCheckNames.LeakDetectorSeesLeaks, from, before);
        }
    }

    // ---- `causeway down` ----

    private Task<LabCheckResult> DownLeavesNoResidueAsync(CancellationToken ct) =>
        ResidueCheck.RunAsync(w, UnoCheckNames.DownLeavesNoResidue, UnoTopology.ForeignSysctl, ct);

    // ---- helpers ----

    /// <summary>
    /// The leak measurement: counters before, canary, K probes from the laptop (UDP then TCP), canary, counters
    /// after. The canaries are waited for on the counter itself, so the window ends only when the capture has
    /// seen everything the gateway sent before the second canary.
    /// </summary>
    private async Task<LeakWindow> WindowAsync(string label, bool ipv6, CancellationToken ct)
    {
        var before = await w.LeakCountersAsync(ct);
        var laptopBefore = await w.LaptopCountersAsync(ct);
        var canaries = 0;
        canaries += await w.CanaryCountedAsync(before, canaries, ct);
        var target = ipv6 ? Echo6 : Echo;
        var udp = await w.EchoProbeAsync(BackboneTopology.Laptop, target, "udp", UdpProbes, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10), ct);
        var tcp = await w.EchoProbeAsync(BackboneTopology.Laptop, target, "tcp", TcpProbes, TimeSpan.FromMilliseconds(700), TimeSpan.Zero, ct);
        canaries += await w.CanaryCountedAsync(before, canaries, ct);
        var after = await w.LeakCountersAsync(ct);
        var laptopAfter = await w.LaptopCountersAsync(ct);
        var laptopCounted = laptopAfter.Since(laptopBefore)[ipv6 ? LaptopProbeRuleset.ProbesV6 : LaptopProbeRuleset.ProbesV4];
        var window = new LeakWindow(label, UdpProbes + TcpProbes, laptopCounted, [udp, tcp], after.Since(before), canaries);
        w.Progress($"    {window.Evidence}");
        return window;
    }

    private static string DescribeDns(DnsProbeResult r) => $"{r.Transport}: {r.Describe()}";

    private async Task<bool> GatewayReadyAsync(CancellationToken ct) =>
        w.IsRunning(w.GatewayProcess) && (await w.GatewayStatusAsync(ct)).Status?.IsConvergedAndConnected == true;
}
