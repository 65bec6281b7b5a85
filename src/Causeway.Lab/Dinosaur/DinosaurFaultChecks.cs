using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;
using Causeway.Lab.Checks;
using Causeway.Lab.Leaks;
using Causeway.Lab.Machine;
using Causeway.Lab.Worlds;

namespace Causeway.Lab.Dinosaur;

/// <summary>
/// The Dinosaur faults, one hop at a time, each with the phones (and, where the sbc is at fault, the laptop)
/// sending all along and the leak counters read at both uplinks: the VM's overlay cut (its device down), then back;
/// the sbc's `causeway up` SIGKILLed, then started again; the provider's server SIGKILLed, the negative control in the
/// same run (both hosts' layers removed), the server back. For each fault both hosts' status must name the first
/// failed hop (`status-names-failed-hop`, reported once for all three).
/// </summary>
internal sealed class DinosaurFaultChecks(DinosaurWorld w, DinosaurProbes probes, LabCheckRecorder checks, GatewayLayers sbcLayers, DinosaurChecks steps)
{
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(10);
    private static readonly IReadOnlyList<string> PhonesAndLaptop = [.. DinosaurTopology.Phones, DinosaurTopology.Laptop];
    private readonly List<string> _hops = [];
    private bool _hopsNamed = true;
    private long _overlayBackAt;

    public async Task RunAsync(CancellationToken ct)
    {
        await checks.RunAsync(DinosaurCheckNames.OverlayDownNoLeakAtVm, OverlayDownAsync, ct);
        await checks.RunAsync(DinosaurCheckNames.RecoversAfterOverlayRestore, OverlayRestoreAsync, ct);
        await checks.RunAsync(DinosaurCheckNames.SbcDownNoLeak, SbcDownAsync, ct);
        await checks.RunAsync(DinosaurCheckNames.ProviderDownNoLeakAtSbc, ProviderDownAsync, ct);
        await checks.RunAsync(DinosaurCheckNames.RecoversAfterProviderRestart, ProviderRestartAsync, ct);
        checks.Record(new LabCheckResult(DinosaurCheckNames.StatusNamesFailedHop, _hopsNamed && _hops.Count == 3, string.Join("; ", _hops)));
    }

    // ---- the VM's overlay ----

    private string VmNs => w.Ns(DinosaurTopology.Vm);

    private async Task<LabCheckResult> OverlayDownAsync(CancellationToken ct)
    {
        await w.Net.IpAsync("cutting the VM's overlay", VmNs, "link", "set", BackboneTopology.OverlayDevice, "down");
        var window = await probes.WindowAsync($"the VM's {BackboneTopology.OverlayDevice} down", DinosaurTopology.Phones, laptop: false, ct);
        await HopsAsync("the VM's overlay down", null, "gateway", DinosaurProbes.GatewayUnread, ct);
        return new(DinosaurCheckNames.OverlayDownNoLeakAtVm, window.SealedShut,
            $"`ip link set {BackboneTopology.OverlayDevice} down` on the VM (its path to the sbc cut); {window.Evidence}");
    }

    /// <summary>Brings the VM's overlay device back up (with its addresses: IPv6 ones go with the link), if it is down.</summary>
    public async Task OverlayUpAsync(CancellationToken ct)
    {
        var state = (await w.Net.IpAsync("reading the VM's overlay", VmNs, "-br", "link", "show", BackboneTopology.OverlayDevice)).StandardOutput;
        if (state.Contains("DOWN", StringComparison.Ordinal))
        {
            await w.Net.IpAsync("restoring the VM's overlay", VmNs, "link", "set", BackboneTopology.OverlayDevice, "up");
        }

        var addresses = await w.Net.IpAsync("reading the VM's overlay addresses", VmNs, "-6", "address", "show", "dev", BackboneTopology.OverlayDevice);
        if (!addresses.StandardOutput.Contains(DinosaurTopology.VmOverlayAddress6.ToString(), StringComparison.Ordinal))
        {
            await WorldBuilder.AddressAsync(w, VmNs, BackboneTopology.OverlayDevice, $"{DinosaurTopology.VmOverlayAddress6}/{BackboneTopology.OverlayPrefixLength6}");
        }

        await Waiting.UntilAsync(
            async token => (await w.Net.IpAsync("reading the VM's overlay", VmNs, "-br", "link", "show", BackboneTopology.OverlayDevice)).StandardOutput.Contains(" UP ", StringComparison.Ordinal)
                || (await w.Net.IpAsync("reading the VM's overlay", VmNs, "-br", "link", "show", BackboneTopology.OverlayDevice)).StandardOutput.Contains("UNKNOWN", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            "the VM's overlay device to come up",
            w.Time,
            ct);
    }

    private async Task<LabCheckResult> OverlayRestoreAsync(CancellationToken ct)
    {
        _overlayBackAt = w.Time.GetTimestamp();
        await OverlayUpAsync(ct);
        var (back, evidence) = await steps.InternetBackAsync(DinosaurTopology.Phones, _overlayBackAt, ct);
        var (status, _) = await w.Vm.GatewayStatusAsync(ct);
        return new(DinosaurCheckNames.RecoversAfterOverlayRestore, back <= RecoveryLimit,
            $"the phones' internet back {back.TotalSeconds:0.0} s after the VM's overlay came back (limit {RecoveryLimit.TotalSeconds:0} s): {evidence}; "
            + $"VM: {status?.Summary ?? "no status"}{(status?.Hops is { } hops ? $", hops {hops.Describe()}" : string.Empty)}");
    }

    // ---- the sbc's `causeway up` ----

    private async Task<LabCheckResult> SbcDownAsync(CancellationToken ct)
    {
        var gateway = w.State.Process(w.GatewayProcess) ?? throw new InvalidOperationException("no `causeway up` is recorded on the sbc");
        await w.KillAsync(w.GatewayProcess, ct);
        DinosaurWindow window;
        TimeSpan? openvpn;
        try
        {
            openvpn = await Waiting.TryUntilAsync(async token => (await w.PidsNamedAsync(DinosaurTopology.Sbc, "openvpn", token)).Count == 0, TimeSpan.FromSeconds(5), w.Time, ct);
            window = await probes.WindowAsync("the sbc's `causeway up` SIGKILLed", DinosaurTopology.Phones, laptop: true, ct);
            await HopsAsync("the sbc's `causeway up` SIGKILLed", DinosaurProbes.NotRunning, window.All.Answered == 0 ? "internet" : null, DinosaurProbes.GatewayUnread, ct);
        }
        finally
        {
            await steps.RestartSbcAsync("after sbc-down-no-leak", ct);
        }

        var throughProvider = window.All.SeenAs.All(s => s == BackboneTopology.ProviderAddress.ToString());
        return new(DinosaurCheckNames.SbcDownNoLeak, window.NoLeak && throughProvider,
            $"the sbc's `causeway up` (pid {gateway.Pid}) SIGKILLed; its OpenVPN {(openvpn is null ? "outlived it" : "went with it")}; "
            + $"{(window.All.Answered == 0 ? "nothing got through" : $"what got through went through the provider ({string.Join("/", window.All.SeenAs)})")}; {window.Evidence}");
    }

    // ---- the provider ----

    private async Task<LabCheckResult> ProviderDownAsync(CancellationToken ct)
    {
        var pid = w.State.Process(BackboneProcessNames.ProviderOpenVpn)?.Pid;
        await w.KillAsync(BackboneProcessNames.ProviderOpenVpn, ct);
        var justKilled = await probes.WindowAsync("the provider's server just SIGKILLed", DinosaurTopology.Phones, laptop: true, ct);
        var (noticed, notice) = await steps.SbcNoticedProviderDownAsync(ct);
        var reconnecting = await probes.WindowAsync(noticed is not null ? "provider down, the sbc reconnecting" : "provider down, the sbc still says connected", DinosaurTopology.Phones, laptop: true, ct);
        await HopsAsync("the provider down", "tunnel", "internet", "tunnel", ct);
        var control = await NegativeControlAsync(ct);
        return new(DinosaurCheckNames.ProviderDownNoLeakAtSbc, justKilled.SealedShut && reconnecting.SealedShut && control.Passed,
            $"the provider's OpenVPN server (pid {pid}) was SIGKILLed; {justKilled.Evidence}; {notice}; {reconnecting.Evidence}; "
            + $"negative control: {(control.Passed ? "the detector saw the leaks at both uplinks" : "FAILED, so 0 proves nothing")} ({DinosaurCheckNames.LeakDetectorSeesLeaks})");
    }

    private async Task<LabCheckResult> ProviderRestartAsync(CancellationToken ct)
    {
        var started = w.Time.GetTimestamp();
        var ready = await w.StartProviderAndWaitAsync(ct);
        var (back, evidence) = await steps.InternetBackAsync(PhonesAndLaptop, started, ct);
        var (_, sbc) = await w.WaitGatewayReadyAsync(TimeSpan.FromSeconds(30), ct);
        return new(DinosaurCheckNames.RecoversAfterProviderRestart, back <= RecoveryLimit,
            $"internet back for the phones and the laptop {back.TotalSeconds:0.0} s after the provider's server was restarted (limit {RecoveryLimit.TotalSeconds:0} s; "
            + $"the server was ready after {ready.TotalSeconds:0.0} s): {evidence}; sbc: {sbc.Summary}");
    }

    // ---- the negative control ----

    /// <summary>
    /// Both hosts' `causeway up` frozen (SIGSTOP: the VM's access servers keep serving the phones), both hosts' layers
    /// removed, forwarding on, the provider down: the phones' probes must show up as leaks on the VM's uplink and the
    /// laptop's on the sbc's. Then SIGCONT, and each `causeway up` must put its layers back. The window is recorded
    /// in the lab state (even if it fails), so that the world's whole-life count leaves it out.
    /// </summary>
    private Task<LabCheckResult> NegativeControlAsync(CancellationToken ct) =>
        w.NegativeControlAsync(DinosaurCheckNames.LeakDetectorSeesLeaks, NegativeControlWindowAsync, ct);

    private async Task<LabCheckResult> NegativeControlWindowAsync(CancellationToken ct)
    {
        RunningWorld[] hosts = [w, w.Vm];
        var daemons = hosts.Select(h => h.State.Process(h.GatewayProcess) ?? throw new InvalidOperationException($"no `causeway up` is recorded on {h.GatewayNode}")).ToList();
        var layers = new[] { sbcLayers, new GatewayLayers(w.Vm) };
        LabCheckResult result;
        foreach (var daemon in daemons)
        {
            await w.Processes.SignalAsync(daemon.Pid, UnixSignals.Stop, ct);
        }

        try
        {
            var removed = new List<string>();
            for (var i = 0; i < hosts.Length; i++)
            {
                var daemon = daemons[i];
                await Waiting.UntilAsync(() => w.Processes.Read(daemon.Pid)?.State == 'T', TimeSpan.FromSeconds(10), $"`causeway up` on {hosts[i].GatewayNode} to stop (SIGSTOP)", w.Time, ct);
                await layers[i].DeleteNftTableAsync(ct);
                var routes = await layers[i].RemoveRouteLayerAsync(ct);
                var ns = w.Ns(hosts[i].GatewayNode);
                var forwarding = await w.Net.ReadSysctlAsync(ns, "net.ipv4.ip_forward", ct);
                if (forwarding != "1")
                {
                    await w.Net.SysctlAsync(ns, "net.ipv4.ip_forward", "1", ct);
                }

                removed.Add($"{hosts[i].GatewayNode}: table inet {BackboneTopology.GatewayNftTable} and {routes.Count} rules and routes removed (net.ipv4.ip_forward was {forwarding})");
            }

            var window = await probes.WindowAsync("negative control: both hosts frozen, their layers removed, the provider down", DinosaurTopology.Phones, laptop: true, ct);
            var passed = window.LeakedAtSbc > 0 && window.AtSbc[LeakCounterRuleset.LeakFromOverlay] > 0
                && window.LeakedAtVm > 0 && window.AtVm[LeakCounterRuleset.LeakFromAccess] > 0
                && window.All.CaptureLive && window.All.LaptopTried;
            result = new(DinosaurCheckNames.LeakDetectorSeesLeaks, passed,
                $"both `causeway up` frozen with SIGSTOP (pids {string.Join(", ", daemons.Select(d => d.Pid))}); {string.Join("; ", removed)}; "
                + $"the detector must see the laptop's leaks at {DinosaurTopology.SbcUplink.InternetSide} and the phones' at {DinosaurTopology.VmUplink.InternetSide}: {window.Evidence}");
        }
        finally
        {
            foreach (var daemon in daemons)
            {
                await w.Processes.SignalAsync(daemon.Pid, UnixSignals.Continue, CancellationToken.None);
            }
        }

        var repaired = await GatewayLayers.BackAsync(layers, w.Time, ct);
        result = result with
        {
            Passed = result.Passed && repaired is not null,
            Detail = result.Detail + (repaired is { } r
                ? $"; after SIGCONT, both `causeway up` put their layers back within {r.TotalSeconds:0.0} s"
                : "; after SIGCONT, the layers were NOT both back within 30 s"),
        };
        checks.Record(result);
        return result;
    }

    // ---- hops ----

    private async Task HopsAsync(string fault, string? expectSbc, string? expectVm, string? expectGateway, CancellationToken ct)
    {
        var (named, evidence) = await probes.HopsNamedAsync(fault, expectSbc, expectVm, expectGateway, ct);
        _hopsNamed &= named;
        _hops.Add(evidence);
        w.Progress($"    {evidence}");
    }
}
