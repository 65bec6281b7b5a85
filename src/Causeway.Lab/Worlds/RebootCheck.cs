using System.Net;
using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;
using Causeway.Lab.Checks;
using Causeway.Lab.Leaks;
using Causeway.Lab.Machine;
using Causeway.Lab.Probes;

namespace Causeway.Lab.Worlds;

/// <summary>
/// `reboot-no-leak`: a reboot as the kernel sees it, then what causeway-boot.service and causeway.service do. The
/// gateway's `causeway up` is SIGKILLed (its OpenVPN dies with it, and the tunnel device goes), everything Causeway
/// owns in the kernel is removed (the nft table, the ip rules, the routes of its table), forwarding is turned on (as
/// another tool would), and the overlay and zerotier-one stay up; only what is on disk is left: the state directory
/// with the kill switch `up` saved. First the negative control: the client's probes leak in that state (so this check
/// can fail). Then, with the client sending all along, `causeway boot` puts the saved kill switch back and a new
/// `causeway up` starts and converges with its tunnel connected: from the end of the boot step to the end, the uplink
/// must count 0 leaked, between two canaries; the whole-life count checks the same. The time from the boot step to
/// `up` converged is reported, and `up` must have removed nothing on the way (it adopts what the boot step put: a
/// removal would be a moment with a layer missing).
/// </summary>
internal sealed class RebootCheck(RunningWorld w, GatewayLayers layers)
{
    private const int UdpBatch = 20;
    private const int TcpBatch = 2;
    private static readonly IPEndPoint Echo = new(BackboneTopology.EchoAddress, BackboneTopology.EchoPort);
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(60);

    /// <summary>How `up` logs a change, and its first round when it has none (`Engine.Daemon.GatewayDaemon`).</summary>
    private const string Applying = "applying: ";
    private const string NoChanges = "host already as planned: no changes";

    private string Gateway => w.Ns(w.GatewayNode);

    /// <summary>The kill switch `up` saved, under the state_dir of <see cref="GatewayConfigFile"/>.</summary>
    private string SavedKillSwitch => Path.Combine(w.Layout.GatewayStateDirectory, "boot", "kill-switch.json");

    /// <param name="client">The node whose probes would leak (the laptop on the overlay).</param>
    /// <param name="window">The world's leak window (probes from <paramref name="client"/> between two canaries), for the negative control.</param>
    public async Task<LabCheckResult> RunAsync(string name, string client, Func<string, CancellationToken, Task<LeakWindow>> window, CancellationToken ct)
    {
        var saved = w.Files.Stat(SavedKillSwitch);
        if (!saved.Exists)
        {
            return new(name, false, $"`causeway up` saved no kill switch at {SavedKillSwitch}: the boot step would have nothing to put back");
        }

        // Everything from the reboot to the end of the boot step leaks on purpose: recorded as a negative control.
        var from = w.Time.GetUtcNow();
        var before = await w.LeakCountersAsync(ct);
        LeakWindow control;
        string reboot;
        CommandResult boot;
        TimeSpan bootTook;
        long bootStarted;
        using var stopTraffic = new CancellationTokenSource();
        Task<List<EchoProbeResult>>? traffic = null;
        try
        {
            reboot = await SimulateRebootAsync(ct);
            control = await window("rebooted, no boot step yet: nothing of Causeway's in the kernel, forwarding on", ct);

            // The client sends all along from here: through the boot step, `up`'s start and its tunnel connecting.
            traffic = ClientTrafficAsync(client, stopTraffic.Token, ct);
            bootStarted = w.Time.GetTimestamp();
            boot = await w.GatewayCommandAsync(["boot", "--state-dir", w.Layout.GatewayStateDirectory], ct);
            bootTook = w.Time.GetElapsedTime(bootStarted);

            // What the gateway put on its wire before the boot step ended is counted before the control's window closes.
            await w.CanaryCountedAsync(await w.LeakCountersAsync(ct), 0, ct);
        }
        catch
        {
            await stopTraffic.CancelAsync();
            if (traffic is not null)
            {
                await traffic.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }

            throw;
        }
        finally
        {
            await w.RecordNegativeControlAsync(name, from, before);
        }

        var (held, upTook, applied, firstRound) = await BootThenUpAsync(traffic, stopTraffic, bootStarted, ct);
        var controlLeaked = control.Leaked > 0 && control.Counts[LeakCounterRuleset.LeakFromOverlay] > 0 && control.CaptureLive && control.LaptopTried;
        var removals = applied.Where(c => c.StartsWith("- ", StringComparison.Ordinal)).ToList();
        var passed = controlLeaked && boot.Succeeded && held.Leaked == 0 && held.CaptureLive && held.LaptopCounted >= UdpBatch && upTook is not null && removals.Count == 0;
        return new(name, passed,
            $"{reboot}; the kill switch `up` saved ({saved.Length} bytes) was on disk. "
            + $"Negative control, without the boot step: {control.Evidence}. "
            + $"`causeway boot` {(boot.Succeeded ? "took" : $"FAILED (exit {boot.ExitCode}: {boot.StandardError.Trim()}) after")} {bootTook.TotalMilliseconds:0} ms "
            + $"({boot.StandardOutput.Trim()}); `causeway up` then {(upTook is { } t ? $"converged with its tunnel connected {t.TotalSeconds:0.0} s after the boot step began" : $"was not ready within {ReadyLimit.TotalSeconds:0} s")}, "
            + $"its first round (tunnel not up yet) {(firstRound.Count == 0 ? "finding the host as planned: nothing to change" : $"applying {string.Join("; ", firstRound)}")}, "
            + $"and until ready {(applied.Count == 0 ? "nothing" : string.Join("; ", applied))}"
            + $"{(removals.Count > 0 ? " (it REMOVED something: a window where a layer was missing)" : string.Empty)}; "
            + $"from the end of the boot step on: {held.Evidence}");
    }

    /// <summary>
    /// From the end of the boot step until `up` has converged with its tunnel connected, the client sending all along:
    /// the window (bracketed by canaries), how long `up` took from the boot step's start, and the changes it applied.
    /// </summary>
    private async Task<(LeakWindow Held, TimeSpan? UpTook, IReadOnlyList<string> Applied, IReadOnlyList<string> FirstRound)> BootThenUpAsync(
        Task<List<EchoProbeResult>> traffic, CancellationTokenSource stopTraffic, long bootStarted, CancellationToken ct)
    {
        var before = await w.LeakCountersAsync(ct);
        var clientBefore = await w.LaptopCountersAsync(ct);
        var canaries = await w.CanaryCountedAsync(before, 0, ct);
        TimeSpan? upTook = null;
        var logFrom = w.LogLength(w.Layout.GatewayLog);
        try
        {
            w.StartGateway();
            await w.WaitGatewayReadyAsync(ReadyLimit, ct);
            upTook = w.Time.GetElapsedTime(bootStarted);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            w.Progress($"check: `causeway up` after the boot step: {e.Message}");
        }
        finally
        {
            // One more batch after `up` is ready (traffic through the tunnel now), then stop.
            stopTraffic.CancelAfter(TimeSpan.FromSeconds(2));
        }

        var probes = await traffic;
        canaries += await w.CanaryCountedAsync(before, canaries, ct);
        var after = await w.LeakCountersAsync(ct);
        var clientAfter = await w.LaptopCountersAsync(ct);
        var held = new LeakWindow(
            "boot step, then `causeway up` until converged and connected",
            probes.Sum(p => p.Requested),
            clientAfter.Since(clientBefore)[LaptopProbeRuleset.ProbesV4],
            probes,
            after.Since(before),
            canaries);
        w.Progress($"    {held.Evidence}");
        var log = w.LogSince(w.Layout.GatewayLog, logFrom);
        return (held, upTook, Applied(log), FirstRound(log));
    }

    /// <summary>
    /// What a reboot leaves of Causeway: nothing in the kernel (its `up` and OpenVPN gone, the tunnel device with them,
    /// its nft table, rules and routes removed), forwarding on, the overlay and zerotier-one up, the disk as it was.
    /// </summary>
    private async Task<string> SimulateRebootAsync(CancellationToken ct)
    {
        var gateway = w.State.Process(w.GatewayProcess) is { } record && w.Processes.IsAlive(record.Pid, record.StartTicks) ? record : null;
        var openvpn = await w.PidsNamedAsync(w.GatewayNode, "openvpn", ct);
        if (gateway is not null)
        {
            await w.Processes.KillAsync(gateway.Pid, gateway.StartTicks, w.Time, ct);
        }

        foreach (var pid in openvpn)
        {
            await w.Processes.KillAsync(pid, null, w.Time, ct);
        }

        var tunGone = await Waiting.TryUntilAsync(
            async token => !(await w.Net.TryRunAsync("ip", ["-n", Gateway, "link", "show", BackboneTopology.GatewayTunnelDevice], token)).Succeeded,
            TimeSpan.FromSeconds(10), w.Time, ct);
        var hadTable = await layers.NftTableExistsAsync(ct);
        await layers.DeleteNftTableAsync(ct);
        var removed = await layers.RemoveRouteLayerAsync(ct);
        var forwarding = await w.Net.ReadSysctlAsync(Gateway, "net.ipv4.ip_forward", ct);
        await w.Net.SysctlAsync(Gateway, "net.ipv4.ip_forward", "1", ct);
        var overlay = (await w.Net.TryRunAsync("ip", ["-n", Gateway, "-br", "link", "show", BackboneTopology.OverlayDevice], ct)).StandardOutput.Trim();
        return $"reboot simulated: `causeway up` {(gateway is null ? "not running (already killed)" : $"SIGKILLed (pid {gateway.Pid})")} "
            + $"and its OpenVPN ({(openvpn.Count > 0 ? $"pid {string.Join(", ", openvpn)}" : "none running")}), {BackboneTopology.GatewayTunnelDevice} {(tunGone is null ? "STILL THERE" : "gone")}; "
            + $"removed table inet {BackboneTopology.GatewayNftTable} ({(hadTable ? "it was there" : "already gone")}) and the route layer ({removed.Count} rules and routes); "
            + $"net.ipv4.ip_forward {forwarding} -> 1; the overlay stays up ({overlay}) with zerotier-one's stand-in";
    }

    /// <summary>Probes from the client (UDP, then TCP) batch after batch until stopped; a batch once begun is finished.</summary>
    private async Task<List<EchoProbeResult>> ClientTrafficAsync(string client, CancellationToken stop, CancellationToken ct)
    {
        var results = new List<EchoProbeResult>();
        while (!stop.IsCancellationRequested)
        {
            results.Add(await w.EchoProbeAsync(client, Echo, "udp", UdpBatch, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(50), ct));
            results.Add(await w.EchoProbeAsync(client, Echo, "tcp", TcpBatch, TimeSpan.FromMilliseconds(300), TimeSpan.Zero, ct));
        }

        return results;
    }

    /// <summary>The changes `up` logged ("applying: + nft table …"), in order.</summary>
    private static IReadOnlyList<string> Applied(string log) =>
        [.. log.Split('\n').Select(Change).OfType<string>()];

    /// <summary>
    /// What `up`'s first round changed: the first run of "applying:" lines, or nothing when it logged that the host was
    /// already as planned before any change.
    /// </summary>
    private static List<string> FirstRound(string log)
    {
        var changes = new List<string>();
        foreach (var line in log.Split('\n'))
        {
            if (Change(line) is { } change)
            {
                changes.Add(change);
            }
            else if (changes.Count > 0 || line.Contains(NoChanges, StringComparison.Ordinal))
            {
                break;
            }
        }

        return changes;
    }

    private static string? Change(string line) =>
        line.IndexOf(Applying, StringComparison.Ordinal) is var at and >= 0 ? line[(at + Applying.Length)..].Trim() : null;
}
