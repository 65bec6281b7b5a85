using System.Net;
using Causeway.Core.Hops;
using Causeway.Core.Model;
using Causeway.Core.Tunnel;
using Causeway.Engine.Daemon;
using Causeway.Engine.Seams;
using Causeway.Engine.ZeroTier;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.Hops;

/// <summary>
/// The health of every hop of clients' traffic, published in the status (<see cref="StatusReport.Hops"/>). The first
/// hop (the provider tunnel, or the overlay gateway) is judged by its supervisor and follows its status at every
/// daemon round (<see cref="Observe"/>). The internet hop is probed here, end to end along the clients' own path: an
/// echo every probe interval, sent from this host's overlay address, which Causeway's policy rules route like client
/// traffic (into the tunnel, via the gateway, or unreachable; never the host's uplink). It is probed only while the
/// first hop is up: otherwise it is unknown, and the first hop explains it. For an overlay gateway, its supervisor's
/// own echoes give the first hop's round trip and losses too (<c>firstHopHealth</c>), and on ZeroTier the path to it
/// (direct or relayed) is looked up every <see cref="PathInterval"/>.
/// </summary>
public sealed class HopWatch : IAsyncDisposable
{
    /// <summary>How often ZeroTier's path to the gateway is looked up (a local API call and an `ip` run).</summary>
    public static readonly TimeSpan PathInterval = TimeSpan.FromSeconds(10);

    private readonly HopWatchSettings _settings;
    private readonly ITunnelProbe _probe;
    private readonly IPeerPathSource? _paths;
    private readonly Func<HopHealth>? _firstHopHealth;
    private readonly StatusBoard _status;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BackgroundLoop _loop;
    private readonly Lock _gate = new();

    // Guarded by _gate.
    private HopHealth _first;
    private HopHealth _internet;
    private PeerPath _path;
    private string? _overlayDevice;
    private IPAddress? _source;
    private long _firstUpSpell;
    private HopChain _published;

    // Only the probe loop's.
    private DateTimeOffset _pathDue;
    private bool _warnedProbe;
    private bool _warnedPath;
    private bool _warnedSource;

    /// <summary>Publishes the hops at once (all unknown), so that the status never lacks them while the daemon runs.</summary>
    /// <param name="paths">ZeroTier's path to an overlay gateway; null: not told.</param>
    /// <param name="firstHopHealth">
    /// The first hop's health as its supervisor measures it by probes of its own (the overlay gateway's echoes: with
    /// their round trip and losses); null: from the supervisor's status alone (<see cref="SupervisedHopHealth"/>).
    /// </param>
    public HopWatch(
        HopWatchSettings settings,
        ITunnelProbe probe,
        IPeerPathSource? paths,
        StatusBoard status,
        TimeProvider time,
        ILogger logger,
        Func<HopHealth>? firstHopHealth = null)
    {
        _settings = settings;
        _probe = probe;
        _paths = settings.OverlayGateway is not null && settings.ZeroTier ? paths : null;
        _firstHopHealth = firstHopHealth;
        _status = status;
        _time = time;
        _logger = logger;
        _loop = new BackgroundLoop(RunAsync);
        var now = time.GetUtcNow();
        _first = HopHealth.Start(now);
        _internet = HopHealth.Start(now);
        _pathDue = now;
        _published = Chain();
        _status.Update(s => s with { Hops = HopsReport.Of(_published, _time.LocalTimeZone) });
    }

    /// <summary>The hops as last published.</summary>
    public HopChain Current
    {
        get
        {
            lock (_gate)
            {
                return _published;
            }
        }
    }

    /// <summary>
    /// At every daemon round: the first hop from its supervisor's <paramref name="tunnel"/> status, and the overlay as
    /// now (its device, named in the gateway hop; this host's address on it, the internet probe's source). Publishes.
    /// </summary>
    public void Observe(TunnelStatus tunnel, OverlayFacts overlay)
    {
        lock (_gate)
        {
            _overlayDevice = overlay.InterfaceName;
            _source = _settings.InternetProbe is { } target
                ? overlay.LocalAddresses.FirstOrDefault(a => a.AddressFamily == target.AddressFamily)
                : null;
            SetFirst(_firstHopHealth?.Invoke() ?? SupervisedHopHealth.After(_first, tunnel));
        }

        Publish();
    }

    /// <summary>The probe loop runs (started, not stopped).</summary>
    public bool IsRunning => _loop.IsRunning;

    /// <summary>Starts the probe loop: a first round at once, then one every probe interval.</summary>
    public void Start() => _loop.Start();

    /// <summary>Stops the probe loop (the daemon stops); what was last published stays.</summary>
    public Task StopAsync() => _loop.StopAsync();

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                RefreshFirst();
                await LookUpPathIfDueAsync(stopping);
                await ProbeInternetAsync(stopping);

                // One timer per round (not a periodic one): a slow echo delays the next instead of piling up.
                await Task.Delay(_settings.ProbeInterval, _time, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped with the daemon.
        }
    }

    /// <summary>The first hop's health as its supervisor measures it, when it does: fresher than its status.</summary>
    private void RefreshFirst()
    {
        if (_firstHopHealth is null)
        {
            return;
        }

        lock (_gate)
        {
            SetFirst(_firstHopHealth());
        }

        Publish();
    }

    /// <summary>Under the lock.</summary>
    private void SetFirst(HopHealth next)
    {
        var wasUp = _first.State == HopState.Up;
        _first = next;
        if (_first.State != HopState.Up && (wasUp || _internet.State != HopState.Unknown))
        {
            // Nothing past a hop that is not up can be probed along the clients' path: the internet is unknown
            // again, from when that hop went down, and an echo still in flight is not counted.
            _firstUpSpell++;
            _internet = HopHealth.Start(_first.State == HopState.Down ? _first.Since : _time.GetUtcNow());
        }
    }

    private async Task ProbeInternetAsync(CancellationToken stopping)
    {
        if (_settings.InternetProbe is not { } target)
        {
            return;
        }

        IPAddress? source;
        long spell;
        lock (_gate)
        {
            if (_first.State != HopState.Up)
            {
                return;
            }

            source = _source;
            spell = _firstUpSpell;
        }

        if (source is null)
        {
            // Unbound, the echo would take the host's own route, the uplink: that says nothing about the clients' path.
            if (!_warnedSource)
            {
                _warnedSource = true;
                _logger.LogWarning(
                    "this host has no {Family} address on the overlay to probe {Target} from along the clients' path: the internet hop stays unknown (set [egress] internet_probe to an address of that family, or \"none\")",
                    target.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4",
                    target);
            }

            return;
        }

        var at = _time.GetUtcNow();
        TimeSpan? roundTrip;
        try
        {
            roundTrip = await _probe.EchoAsync(source, target, _settings.ProbeInterval, stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not sent at all (no permission, the source gone): that says nothing about the path, so it is not a loss.
            if (!_warnedProbe)
            {
                _warnedProbe = true;
                _logger.LogWarning("probing the internet ({Target} from {Source}): {Error}", target, source, e.Message);
            }

            return;
        }

        lock (_gate)
        {
            if (spell != _firstUpSpell || _first.State != HopState.Up)
            {
                return;
            }

            _internet = _internet.After(new HopProbeOutcome(at, roundTrip), HopHealthPolicy.Default);
        }

        Publish();
    }

    private async Task LookUpPathIfDueAsync(CancellationToken stopping)
    {
        if (_paths is null || _settings.OverlayGateway is not { } gateway || _time.GetUtcNow() < _pathDue)
        {
            return;
        }

        string? device;
        lock (_gate)
        {
            device = _overlayDevice;
        }

        if (device is null)
        {
            return;
        }

        _pathDue = _time.GetUtcNow() + PathInterval;
        PeerPath path;
        try
        {
            path = await _paths.FindAsync(device, gateway, stopping);
            _warnedPath = false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (!_warnedPath)
            {
                _warnedPath = true;
                _logger.LogWarning("looking up ZeroTier's path to the gateway {Gateway}: {Error}", gateway, e.Message);
            }

            path = PeerPath.None;
        }

        lock (_gate)
        {
            _path = path;
        }

        Publish();
    }

    /// <summary>The hops now; under the lock.</summary>
    private HopChain Chain()
    {
        var first = _settings.OverlayGateway is { } gateway
            ? EgressHops.Gateway(gateway, _settings.ZeroTier, _overlayDevice, _first, _path)
            : EgressHops.Tunnel(_settings.TunnelDevice, _first);
        var internet = _settings.InternetProbe is { } target ? EgressHops.Internet(first, target, _internet) : null;
        return EgressHops.Chain(first, internet);
    }

    private void Publish()
    {
        HopChain before;
        HopChain now;
        lock (_gate)
        {
            // Under the lock: the daemon's round and the probe loop publish in the order their changes were made.
            before = _published;
            now = Chain();
            _published = now;
            var report = HopsReport.Of(now, _time.LocalTimeZone);
            _status.Update(s => s with { Hops = report });
        }

        LogChanges(before, now);
    }

    /// <summary>A hop going down says what to look at; coming back, and a path turning relayed, are said too.</summary>
    private void LogChanges(HopChain before, HopChain now)
    {
        foreach (var hop in now.Hops)
        {
            var previous = before.Hops.FirstOrDefault(h => h.Id == hop.Id);
            var was = previous?.Health.State;
            if (hop.Health.State == HopState.Down && was != HopState.Down)
            {
                _logger.LogWarning("{Hop}: down since {Since:HH:mm:ss} (look at: {LookNext})",
                    hop.Name, TimeZoneInfo.ConvertTime(hop.Health.Since, _time.LocalTimeZone), hop.LookNext);
            }
            else if (hop.Health.State == HopState.Up && was == HopState.Down)
            {
                _logger.LogInformation("{Hop}: up again", hop.Name);
            }

            if (hop.Path == PeerPath.Relayed && previous?.Path != PeerPath.Relayed)
            {
                _logger.LogWarning("{Hop}: ZeroTier relays it, not direct (slow): {LookNext}", hop.Name, HopChain.RelayedLookNext);
            }
        }
    }
}
