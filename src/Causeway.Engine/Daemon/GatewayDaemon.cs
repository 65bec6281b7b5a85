using System.Collections.Immutable;
using System.Net;
using Causeway.Core.Access;
using Causeway.Core.Model;
using Causeway.Core.Planning;
using Causeway.Core.Reload;
using Causeway.Core.Tunnel;
using Causeway.Engine.Hops;
using Causeway.Engine.HostState;
using Causeway.Engine.OpenVpn;
using Causeway.Engine.Traffic;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.Daemon;

/// <summary>
/// `causeway up`: resolve the overlay, put the kill switch in place, start OpenVPN, then keep the host as planned —
/// on every change the kernel reports (links, addresses, routes, ip rules, forwarding, nftables: <see cref="HostChangeWatch"/>),
/// every tunnel change, and every reconcile interval as a safety net: observe → plan → diff → apply. Stopping stops OpenVPN and
/// leaves the kill switch where it is: only `causeway down` removes it. With [access], the access servers start
/// after the kill switch too (their devices are client interfaces), a server's state change is a reason to
/// reconcile, and an overlay change reaches them (<see cref="AccessServers.UpdateOverlayAsync"/>). The access
/// servers outlive the daemon: those a previous `up` left running with the same config are taken over (the others
/// stopped before the kill switch changes), and stopping the daemon leaves them serving their clients.
/// A service manager hears READY=1 once the kill switch is in place, WATCHDOG=1 as the loop completes its rounds, and
/// STOPPING=1 (<see cref="ServiceNotifications"/>). SIGHUP reloads the config between two rounds
/// (<see cref="ReloadAsync"/>): only what changed is applied, a bad config is refused and the running one stays.
/// </summary>
public sealed class GatewayDaemon(
    GatewayInputs inputs,
    GatewayParts parts,
    StatusBoard status,
    ILogger<GatewayDaemon> logger)
{
    private readonly OwnedNames _owned = OwnedNames.From(inputs.Settings.Instance);
    private readonly ReconcileCounters _counters = new();
    private readonly DropCounters _drops = new();

    // Reads `ip` only when the kernel's events say something may have changed (and once a minute regardless).
    private readonly RoundObserver _observer = new(parts.Observer, parts.HostChanges, parts.Time);
    private readonly ServiceNotifications _service = new(parts.ServiceManager, parts.Time, logger);

    // The overlay as last read, polled every reconcile interval for ZeroTier (its API is on loopback).
    private readonly OverlayWatch _overlay = new(parts.Overlay, inputs.Settings.Overlay, inputs.Settings.Instance.ReconcileInterval, parts.Time, logger, inputs.Settings.Egress.OverlayGateway);

    // What a reload replaces: the config in force, and the parts made from it that restart when it changes.
    private GatewayInputs _inputs = inputs;
    private CausewaySettings _settings = inputs.Settings;
    private ITunnelSupervisor _egress = parts.Supervisor;
    private HopWatch? _hops = parts.Hops;
    private LoopWait? _wait;
    private TunnelStatus? _roundTunnel;
    private ReloadStatusReport _reloads = ReloadStatusReport.None;
    private string? _lastConvergedSignature;
    private long _flushedGeneration;
    private ImmutableArray<string> _accessConflicts = [];

    /// <summary>
    /// Runs until <paramref name="stopping"/> is cancelled. Throws (before anything on the host changed) if the
    /// overlay cannot be resolved, [access] conflicts with it (<see cref="HostInputException"/>), or the files
    /// cannot be written.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        // At boot, zerotier-one may not listen yet, or not have rejoined the network: waited for, up to
        // overlay.zerotier_wait_seconds, like a network still REQUESTING_CONFIGURATION.
        var overlay = await _overlay.StartAsync(stopping);
        logger.LogInformation("overlay {Interface}: {Subnets} (this host {Addresses})",
            overlay.Facts.InterfaceName, string.Join(", ", overlay.Facts.Subnets), string.Join(", ", overlay.Facts.LocalAddresses));
        PublishOverlay();
        var egressConflicts = EgressConflicts.Find(_settings.Egress, overlay.Facts);
        if (!egressConflicts.IsEmpty)
        {
            throw new HostInputException("[egress]", egressConflicts);
        }

        if (_settings.Access is { } accessSettings)
        {
            // ZeroTier's subnets are known only now: a pool inside them is a bad input like a bad config.
            var conflicts = AccessConflicts.Find(accessSettings, overlay.Facts, TunnelFacts.Down);
            if (!conflicts.IsEmpty)
            {
                throw new HostInputException("[access]", conflicts);
            }
        }

        WriteRunFiles();
        var adopt = await TakeOverAccessServersAsync(stopping);
        await TearDownPreviousNamesAsync(stopping);

        // The kill switch goes in before OpenVPN starts: from here on, client traffic reaches the tunnel or nothing.
        await ReconcileAsync(TunnelFacts.Down, initial: true, stopping);

        // Ready for a service manager means this: whatever happens next, client traffic is closed off or encrypted.
        _service.Ready(_settings.Egress.IsOverlayGateway ? "kill switch in place; watching the gateway" : "kill switch in place; starting the tunnel");
        using var stoppingNotice = stopping.Register(() => _service.Stopping("stopping: the kill switch stays in place"));
        WarnIfWatchdogTooShort();

        if (_settings.Egress.IsOverlayGateway)
        {
            WarnIfAllowDefault();
        }
        else
        {
            WarnIfSocketBuffersCapped();
        }

        _egress.ObserveOverlay(_overlay.Current.Facts);
        await _egress.StartAsync(stopping);
        _hops?.Start();
        parts.Traffic?.Start();
        parts.GatewayStatus?.Start();
        parts.HostChanges?.Start();
        try
        {
            if (parts.Access is { } access)
            {
                await access.StartAsync(
                    _overlay.Current.Facts.Subnets,
                    parts.AccessPki ?? throw new InvalidOperationException("the access servers need the PKI's status"),
                    adopt,
                    stopping);
            }

            await LoopAsync(stopping);
        }
        finally
        {
            if (parts.Access is { } access)
            {
                // A stop of `up` (SIGTERM, Ctrl-C, or a service manager's restart) must not drop the phones: the
                // servers keep running, behind the kill switch that stays, until the next `up` takes them over or
                // `causeway down` stops them. A phone then loses the internet only while the provider tunnel is down.
                await access.LeaveRunningAsync();
            }

            if (parts.HostChanges is { } changes)
            {
                await changes.StopAsync();
            }

            if (_hops is { } hops)
            {
                await hops.StopAsync();
            }

            if (parts.Traffic is { } traffic)
            {
                await traffic.StopAsync();
            }

            if (parts.GatewayStatus is { } gatewayStatus)
            {
                await gatewayStatus.StopAsync();
            }

            await _egress.StopAsync(CancellationToken.None);
            PublishTunnel(_egress.Current);

            // One last round with the tunnel down, so that the host is left exactly as the next `up` starts (e.g.
            // DNS redirected to fallback_dns, not to the server the provider had pushed): that `up`, and `plan`
            // meanwhile, then find no changes. Every plan keeps the kill switch, so this never opens anything.
            await ReconcileAsync(TunnelFacts.Down, initial: false, CancellationToken.None);
            logger.LogInformation("stopped the egress; the kill switch stays in place (`causeway down` removes it)");
        }
    }

    /// <summary>
    /// Before the kill switch is brought up to date: the access servers a previous `up` left running are taken over if
    /// their config is what this one writes, and stopped otherwise (also all of them without [access] now).
    /// </summary>
    private async Task<ImmutableDictionary<AccessTransport, int>> TakeOverAccessServersAsync(CancellationToken stopping)
    {
        if (parts.AccessTakeover is not { } takeover)
        {
            return ImmutableDictionary<AccessTransport, int>.Empty;
        }

        var adopt = await takeover.PrepareAsync(_settings.Instance, _settings.Access, _overlay.Current.Facts.Subnets, stopping);
        return parts.Access is null ? ImmutableDictionary<AccessTransport, int>.Empty : adopt;
    }

    /// <summary>
    /// With an overlay gateway, ZeroTier's allowDefault on this host would move its own default route onto the overlay
    /// (its own traffic then follows the clients' to the gateway): Causeway never needs it, so it says so, with the fix.
    /// </summary>
    private void WarnIfAllowDefault()
    {
        if (_overlay.Current.ZeroTier is { AllowDefault: true } zt)
        {
            logger.LogWarning(
                "allowDefault is on for ZeroTier network {Network} on this host: ZeroTier moves this host's own default route onto the overlay, which Causeway does not need (it routes only its clients to the gateway): zerotier-cli set {Network} allowDefault=0",
                zt.NetworkId, zt.NetworkId);
        }
    }

    /// <summary>
    /// The kernel silently caps OpenVPN's socket buffers at net.core.[rw]mem_max; those are the host's (global) limits,
    /// so Causeway only says so, once, with the fix.
    /// </summary>
    private void WarnIfSocketBuffersCapped()
    {
        try
        {
            var receiveMax = long.Parse(parts.Files.ReadAllText(SocketBufferCap.ReceiveMaxPath).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            var sendMax = long.Parse(parts.Files.ReadAllText(SocketBufferCap.SendMaxPath).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            if (SocketBufferCap.Warning(_settings.Egress.Tuning.SocketBufferBytes, receiveMax, sendMax) is { } warning)
            {
                logger.LogWarning("{Warning}", warning);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            // Only advice: a host without these files still runs.
        }
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            _wait ??= NewLoopWait();
            await _wait.WaitAsync(stopping);
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            if (parts.ReloadRequests?.Take() == true)
            {
                await ReloadAsync(stopping);
            }

            // Only the latest status matters: read from Current.
            var tunnel = _egress.Current;
            _roundTunnel = tunnel;
            PublishTunnel(tunnel);
            await PollOverlayAsync(stopping);
            CheckAccessConflicts(tunnel.ToFacts());
            var quiet = await ReconcileAsync(tunnel.ToFacts(), initial: false, stopping);
            await FlushConntrackOnReconnectAsync(tunnel, stopping);
            Compact(quiet, tunnel.State == TunnelState.Connected);

            // After the round: a tunnel just connected has its route now, so the first echo through it can be answered.
            _hops?.Observe(tunnel, _overlay.Current.Facts);

            // The loop's progress is the watchdog's only food: a round that hangs (a stuck `nft`) stops the pings.
            _service.Progress(StatusLine());
        }
    }

    /// <summary>
    /// A round at the next tunnel status change, access server change, reload request, change on the host (a
    /// netlink or nftables event: <see cref="HostChangeWatch"/>), or when the interval has passed (the safety net). Made again after a reload that changed the egress (a new supervisor) or the interval.
    /// </summary>
    private LoopWait NewLoopWait()
    {
        var wait = new LoopWait(parts.Time, _settings.Instance.ReconcileInterval).WakeOn(_egress.Updates, TunnelMoved);
        if (parts.Access is { } access)
        {
            wait.WakeOn(access.Changes);
        }

        if (parts.ReloadRequests is { } reloads)
        {
            wait.WakeOn(reloads.Wake);
        }

        if (parts.HostChanges is { } changes)
        {
            wait.WakeOn(changes.Changes);
        }

        return wait;
    }

    /// <summary>
    /// Whether a tunnel status is a reason for a round: not when only its byte counts moved since the last round
    /// (OpenVPN reports them every second, and a round forks `ip` and `nft`); those are published for the status alone.
    /// </summary>
    private bool TunnelMoved(TunnelStatus tunnel)
    {
        if (_roundTunnel is { } last && tunnel.WithoutByteCounts() == last.WithoutByteCounts())
        {
            PublishTunnel(tunnel);
            return false;
        }

        return true;
    }

    /// <summary>
    /// SIGHUP: the config file is read again with `up`'s own checks, compared with the one in force
    /// (<see cref="ReloadPlan.Between"/>), and the difference applied as a reconcile; the tunnel, the access servers and
    /// the hop watch restart only when their own settings changed. A config with errors, or one that changes what
    /// cannot change live, is refused: logged as an error, counted in the status, and the running config stays.
    /// </summary>
    private async Task ReloadAsync(CancellationToken stopping)
    {
        _service.Reloading();
        var path = _settings.ConfigPath;
        string? refused;
        try
        {
            refused = await TryReloadAsync(stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            logger.LogError("reloading {Path}: {Error}", path, e.Message);
            refused = e.Message;
        }

        var now = parts.Time.GetUtcNow();
        _reloads = refused is null ? _reloads.Succeeded(now) : _reloads.Refusing(now, refused);
        var reloads = _reloads;
        status.Update(s => s with { Reload = reloads });
        _service.Reloaded(StatusLine());
    }

    /// <summary>Reads, checks and applies the config; returns why it was refused, or null when it is in force.</summary>
    private async Task<string?> TryReloadAsync(CancellationToken stopping)
    {
        if (parts.Reload is not { } reload)
        {
            logger.LogError("SIGHUP: this daemon cannot reload its config: restart causeway up to apply {Path}", _settings.ConfigPath);
            return "this daemon cannot reload";
        }

        var checkedConfig = new ReloadCheck(logger).Check(reload, _inputs, _overlay.Current.Facts);
        if (checkedConfig is not { Next: { } next, Plan: { } plan })
        {
            return checkedConfig.Refused;
        }

        if (!plan.IsEmpty)
        {
            await ApplyAsync(next, plan, reload, stopping);
            logger.LogInformation("reload: {Path} is in force", _settings.ConfigPath);
        }

        return null;
    }

    /// <summary>
    /// Carries out a reload plan in the order that keeps the host closed: what restarts is stopped first, the kill switch
    /// is brought up to date for the new settings (new devices, pool, DNS) while nothing of the new runs, then what
    /// restarts is started again, as at `up`.
    /// </summary>
    private async Task ApplyAsync(GatewayInputs next, ReloadPlan plan, GatewayReload reload, CancellationToken stopping)
    {
        if (plan.RestartsHops && _hops is { } oldHops)
        {
            await oldHops.StopAsync();
            _hops = null;
        }

        if (plan.RestartsTunnel)
        {
            var old = _egress;
            await old.StopAsync(CancellationToken.None);
            PublishTunnel(old.Current);
            await old.DisposeAsync();
        }

        try
        {
            _inputs = next;
            _settings = next.Settings;
            _overlay.Reconfigure(_settings.Instance.ReconcileInterval, _settings.Egress.OverlayGateway);
            parts.Traffic?.Reconfigure(TrafficWatchSettings.From(_settings));
            parts.GatewayStatus?.Reconfigure(_settings.Egress.OverlayGateway, _settings.Egress.GatewayStatusPort);
            WriteRunFiles();

            var tunnel = plan.RestartsTunnel ? TunnelFacts.Down : _egress.Current.ToFacts();
            if (plan.RestartsAccessServers && parts.Access is { } access && _settings.Access is { } accessSettings)
            {
                await access.ReconfigureAsync(accessSettings, _overlay.Current.Facts.Subnets, token => ReconcileAsync(tunnel, initial: false, token), stopping);
            }
            else
            {
                await ReconcileAsync(tunnel, initial: false, stopping);
            }
        }
        finally
        {
            // Even when the above failed (and the reload with it): what was stopped runs again, behind the kill switch.
            if (plan.RestartsTunnel)
            {
                // A new supervisor counts its connections from 1 again: the next connection is flushed like any other.
                _flushedGeneration = 0;
                _egress = reload.NewEgress(_settings);
                _egress.ObserveOverlay(_overlay.Current.Facts);
                await _egress.StartAsync(stopping);
            }

            if (plan.RestartsHops)
            {
                _hops = reload.NewHops(_settings, _egress);
                _hops?.Start();
            }
        }

        if (plan.RestartsTunnel || plan.ChangesInterval)
        {
            _wait = NewLoopWait();
        }

        if (plan.ChangesInterval)
        {
            WarnIfWatchdogTooShort();
        }
    }

    /// <summary>The line `systemctl status` shows, from the status as published now.</summary>
    private string StatusLine() => ServiceStatusLine.Of(
        status.Current,
        _settings.Egress.OverlayGateway is { } gateway ? $"gateway {gateway}" : "tunnel",
        parts.Time.LocalTimeZone);

    /// <summary>
    /// The watchdog is fed once per round at most: a service manager's timeout shorter than two rounds would kill a
    /// healthy daemon. Said once, with the fix.
    /// </summary>
    private void WarnIfWatchdogTooShort()
    {
        if (_service.WatchdogPeriod is { } half && half <= _settings.Instance.ReconcileInterval)
        {
            logger.LogWarning(
                "the service manager's watchdog ({Timeout} s) is fed once per reconcile round, every {Interval} s: make its timeout (WatchdogSec=) at least 4 times instance.reconcile_interval_seconds, or it may kill a healthy causeway",
                (half * 2).TotalSeconds, _settings.Instance.ReconcileInterval.TotalSeconds);
        }
    }

    /// <summary>One round of observe → plan → diff → apply; true if it found the host as planned (nothing applied, no error).</summary>
    private async Task<bool> ReconcileAsync(TunnelFacts tunnel, bool initial, CancellationToken stopping)
    {
        var overlay = _overlay.Current;
        var now = parts.Time.GetUtcNow();
        try
        {
            var uplinkMtu = UplinkMtuReader.Read(parts.Files);
            var desired = Planner.Plan(Planner.Inputs(_settings, overlay.Facts, tunnel, uplinkMtu));
            var observed = await _observer.ObserveAsync(_owned, full: false, stopping);
            var plan = HostDiff.Diff(desired, observed);
            foreach (var conflict in plan.Conflicts)
            {
                _counters.WarnOnce(logger, conflict.ToString());
            }

            if (plan.IsEmpty)
            {
                if (initial)
                {
                    logger.LogInformation("host already as planned: no changes");
                }
            }
            else
            {
                // The same wants, on the same devices, as when the host last matched them: someone else changed it.
                var drift = !initial && Signature(desired, observed) == _lastConvergedSignature;
                foreach (var change in plan.Changes)
                {
                    logger.LogInformation("{Why}: {Change}", drift ? "repairing drift" : "applying", change.ToString());
                }

                await parts.Applier.ApplyAsync(plan, stopping);
                _counters.Applied(plan.Changes.Length, drift, [.. plan.Changes.Select(c => c.ToString())]);
                observed = await _observer.ObserveAsync(_owned, full: true, stopping);
            }

            _lastConvergedSignature = Signature(desired, observed);
            _counters.Converged(now);

            // What `causeway boot` puts back after a reboot: this kill switch, with the tunnel down (saved when it changes).
            parts.BootKillSwitch?.Record(_settings, overlay.Facts, uplinkMtu);
            PublishReconcile(observed, error: null);
            return plan.IsEmpty;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            if (initial)
            {
                throw;
            }

            // Keep going: the order of every plan leaves the host closed at each step, and the next round retries.
            logger.LogError("reconciling the host: {Error}", e.Message);
            _counters.Failed(now);
            PublishReconcile(null, e.Message);
            return false;
        }
    }

    /// <summary>After a round: gives unused memory back to the kernel when the daemon has settled (<see cref="IdleCompaction"/>).</summary>
    private void Compact(bool quiet, bool tunnelConnected)
    {
        if (parts.Compaction is not { } compaction)
        {
            return;
        }

        var first = !compaction.HasCompacted;
        if (compaction.AfterRound(quiet, tunnelConnected) is not { } took)
        {
            return;
        }

        // Once per start at information (what the memory after startup costs to give back), later ones at debug.
        logger.Log(first ? LogLevel.Information : LogLevel.Debug, "settled: gave the memory no longer used back to the kernel ({Milliseconds} ms)", Math.Round(took.TotalMilliseconds, 1));
    }

    /// <summary>
    /// What the host should hold, and on which devices. A device coming or going (the tun during a reconnect)
    /// changes what can be applied without being drift.
    /// </summary>
    private static string Signature(DesiredState desired, ObservedHost observed) => string.Join('\n',
        desired.Nft.Fingerprint,
        string.Join(';', desired.Rules),
        string.Join(';', desired.Routes),
        string.Join(';', desired.Sysctls),
        string.Join(';', observed.Links.Order(StringComparer.Ordinal)));

    /// <summary>
    /// Once per (re)connect, after the tunnel route is in: a flow that started while the tunnel was down has a
    /// conntrack entry without the masquerade, and replies to it would never find their way back.
    /// </summary>
    private async Task FlushConntrackOnReconnectAsync(TunnelStatus tunnel, CancellationToken stopping)
    {
        if (tunnel.State != TunnelState.Connected || tunnel.ConnectionGeneration == _flushedGeneration || !_counters.IsConverged)
        {
            return;
        }

        _flushedGeneration = tunnel.ConnectionGeneration;
        try
        {
            var deleted = await parts.Conntrack.FlushAsync(ConntrackSources(_settings, _overlay.Current.Facts), stopping);
            logger.LogInformation("tunnel (re)connected: flushed {Count} conntrack entries of client flows", deleted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("flushing conntrack entries of client flows: {Error} (is the conntrack tool installed?)", e.Message);
        }
    }

    /// <summary>
    /// Whose conntrack entries go when the tunnel (re)connects: the overlay's subnets, and with [access] the access
    /// clients' pool, whose flows are forwarded to the egress the same way.
    /// </summary>
    public static ImmutableArray<IPNetwork> ConntrackSources(CausewaySettings settings, OverlayFacts overlay) =>
        settings.Access is { } access ? [.. overlay.Subnets, access.Pool] : overlay.Subnets;

    /// <summary>
    /// The overlay, looked at again when due; published on every round, so that the status shows a managed route
    /// removed within an interval and turns stale when ZeroTier stops answering. A failed look keeps what was known.
    /// </summary>
    private async Task PollOverlayAsync(CancellationToken stopping)
    {
        await _overlay.PollIfDueAsync(stopping);
        _egress.ObserveOverlay(_overlay.Current.Facts);
        PublishOverlay();
        if (parts.Access is { } access)
        {
            // Does nothing unless the subnets the servers push changed.
            await access.UpdateOverlayAsync(_overlay.Current.Facts.Subnets, stopping);
        }
    }

    /// <summary>
    /// [access] against the overlay and the tunnel as they are now (the provider may hand out an address in the
    /// pool): nothing can be stopped for it, so it is logged once and shown in the status.
    /// </summary>
    private void CheckAccessConflicts(TunnelFacts tunnel)
    {
        if (_settings.Access is not { } settings || parts.Access is not { } access)
        {
            return;
        }

        var conflicts = AccessConflicts.Find(settings, _overlay.Current.Facts, tunnel);
        if (!conflicts.SequenceEqual(_accessConflicts))
        {
            _accessConflicts = conflicts;
            access.SetConflicts(conflicts);
        }
    }

    /// <summary>
    /// The run directory is open (the status socket is for any local user); OpenVPN's and the control socket's are
    /// root-only.
    /// </summary>
    private void WriteRunFiles()
    {
        var instance = _settings.Instance;
        new OwnedDirectories(parts.Files).Ensure(instance.RunDirectory, FileModes.PublicDirectory, instance.Name);
        parts.Files.EnsureDirectory(instance.OpenVpnDirectory, FileModes.PrivateDirectory);
        if (_settings.Access is not null)
        {
            parts.Files.EnsureDirectory(ControlApi.Directory(instance), ControlApi.DirectoryMode);
        }

        if (_inputs.OpenVpnConfig is { } openVpnConfig)
        {
            parts.Files.WriteAllTextAtomic(instance.OpenVpnConfigPath, openVpnConfig, FileModes.PrivateFile);
        }
    }

    /// <summary>
    /// If the state file names other tables or priorities than the config does now (the config was changed while
    /// Causeway's state was on the host), remove what the old names own first: a converge would forget them.
    /// </summary>
    private async Task TearDownPreviousNamesAsync(CancellationToken stopping)
    {
        var recorded = parts.State.Load();
        if (recorded.Owned is not { } previous || previous == _owned)
        {
            return;
        }

        logger.LogWarning("the config names changed since the last run ({Previous} → {Current}): removing what the old names own",
            previous, _owned);
        var observed = await parts.Observer.ObserveAsync(previous, recorded.Sysctls.Select(s => s.Name), stopping);
        var teardown = HostDiff.Teardown(previous, observed, []);
        await parts.Applier.ApplyAsync(teardown, stopping);
    }

    private void PublishOverlay()
    {
        var report = _overlay.Report(parts.Time.GetUtcNow());
        status.Update(s => s with { Overlay = report });
    }

    private void PublishTunnel(TunnelStatus tunnel)
    {
        var report = new TunnelStatusReport(
            tunnel.State.ToString(),
            tunnel.State == TunnelState.Connected,
            tunnel.StateSince,
            string.IsNullOrEmpty(tunnel.Detail) ? null : tunnel.Detail,
            tunnel.LocalAddress?.ToString(),
            tunnel.VpnGateway?.ToString(),
            tunnel.Remote,
            [.. tunnel.PushedDns.Select(d => d.ToString())],
            tunnel.BytesIn,
            tunnel.BytesOut,
            tunnel.Reconnects,
            tunnel.ProcessStarts,
            tunnel.LastError);
        // The handshake that last (re)connected it: kept while it is down, for "seconds since the last handshake".
        status.Update(s => s with
        {
            Tunnel = report with { LastHandshake = report.Connected ? report.StateSince : s.Tunnel.LastHandshake },
        });
    }

    private void PublishReconcile(ObservedHost? observed, string? error)
    {
        var reconcile = _counters.Report(error);
        status.Update(s => s with
        {
            Reconcile = reconcile,
            KillSwitch = observed is null ? s.KillSwitch : KillSwitchOf(observed),
        });
    }

    private KillSwitchReport KillSwitchOf(ObservedHost observed)
    {
        var routeLayer = observed.Rules.Any(r => r.Priority == _owned.CatchAllPriority && r.Table == _owned.RouteTable.ToString(System.Globalization.CultureInfo.InvariantCulture))
            && observed.Routes.Any(r => r.Type == "unreachable");
        var nftLayer = observed.NftTable is { } table && table.FindRule(Planner.LeakRuleComment) is not null;
        _drops.Observe(observed.NftTable);
        return new KillSwitchReport(routeLayer, nftLayer, _drops.Packets(Planner.DropRuleComments), _drops.Packets(Planner.GuardRuleComments))
        {
            Drops = _drops.Report(),
        };
    }

    /// <summary>The reconcile loop's bookkeeping, for the status report.</summary>
    private sealed class ReconcileCounters
    {
        private readonly HashSet<string> _warned = [];
        private int _runs;
        private int _repairs;
        private int _changes;
        private DateTimeOffset? _lastRun;
        private ImmutableArray<string> _lastChanges = [];

        public bool IsConverged { get; private set; }

        public void Applied(int changes, bool drift, ImmutableArray<string> descriptions)
        {
            _changes += changes;
            _repairs += drift ? 1 : 0;
            _lastChanges = descriptions;
        }

        public void Converged(DateTimeOffset now)
        {
            _runs++;
            _lastRun = now;
            IsConverged = true;
        }

        public void Failed(DateTimeOffset now)
        {
            _runs++;
            _lastRun = now;
            IsConverged = false;
        }

        public void WarnOnce(ILogger logger, string conflict)
        {
            if (_warned.Add(conflict))
            {
                logger.LogWarning("not Causeway's, left alone: {Conflict}", conflict);
            }
        }

        public ReconcileStatusReport Report(string? error) =>
            new(IsConverged, _lastRun, _runs, _repairs, _changes, error, _lastChanges);
    }
}
