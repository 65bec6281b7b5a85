using System.Globalization;
using System.Net;
using Causeway.Core.Model;
using Causeway.Core.ZeroTier;
using Causeway.Engine.ZeroTier;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.Daemon;

/// <summary>
/// The overlay as the running daemon knows it, and how fresh that knowledge is. At start it resolves the overlay,
/// waiting through ZeroTier's transient states (<see cref="OverlayResolver.ResolveAsync"/>); then it looks again
/// every <see cref="PollInterval"/> without waiting (<see cref="OverlayResolver.LookAsync"/>). A look that fails
/// never changes the overlay: a zerotier-one that restarts (refused connections, an empty port file, a joined
/// network answering 404 until it is rejoined) or is away is not "the network was left", and the kill switch is by
/// interface anyway. The failure is shown in the status instead, with since when; a 404 that outlasts
/// overlay.zerotier_wait_seconds is then said to be "not joined", with the fix.
/// Used from the reconcile loop only; a look that hangs never holds that loop longer than <see cref="PollPatience"/>.
/// </summary>
public sealed class OverlayWatch
{
    /// <summary>How often a plain interface overlay is read again: each read runs `ip`, so not at every reconcile.</summary>
    public static readonly TimeSpan InterfacePollInterval = TimeSpan.FromSeconds(30);

    /// <summary>How long the reconcile loop waits for a look before going on without it (it is picked up later).</summary>
    public static readonly TimeSpan PollPatience = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan MinimumStaleAfter = TimeSpan.FromSeconds(5);

    private readonly IOverlaySource _resolver;
    private readonly OverlaySettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private IPAddress? _overlayGateway;
    private OverlayResolution? _current;
    private DateTimeOffset _lastContact;
    private DateTimeOffset _lastLook;
    private Task<OverlayResolution>? _inFlight;
    private Failure? _failure;

    /// <param name="reconcileInterval">A ZeroTier overlay is looked at this often (its API is on loopback: cheap).</param>
    /// <param name="overlayGateway">egress.overlay_gateway: this host's egress is a gateway on the overlay (the advice differs).</param>
    public OverlayWatch(IOverlaySource resolver, OverlaySettings settings, TimeSpan reconcileInterval, TimeProvider time, ILogger logger, IPAddress? overlayGateway = null)
    {
        _overlayGateway = overlayGateway;
        _resolver = resolver;
        _settings = settings;
        _time = time;
        _logger = logger;
        Retime(reconcileInterval);
    }

    public TimeSpan PollInterval { get; private set; }

    /// <summary>What is older than this (two polls, at least 5 s) is shown as stale.</summary>
    public TimeSpan StaleAfter { get; private set; }

    /// <summary>
    /// A reload changed the reconcile interval or the overlay gateway (the overlay itself cannot change live): the
    /// next look is due by the new interval.
    /// </summary>
    public void Reconfigure(TimeSpan reconcileInterval, IPAddress? overlayGateway)
    {
        _overlayGateway = overlayGateway;
        Retime(reconcileInterval);
    }

    /// <summary>The overlay as last read successfully.</summary>
    public OverlayResolution Current => _current ?? throw new InvalidOperationException("the overlay was not resolved yet");

    /// <summary>When the overlay was last read successfully.</summary>
    public DateTimeOffset LastContact => _lastContact;

    /// <summary>At start: waits (up to overlay.zerotier_wait_seconds) through transient states; throws what stays wrong.</summary>
    public async Task<OverlayResolution> StartAsync(CancellationToken cancellationToken)
    {
        _current = await _resolver.ResolveAsync(_settings, cancellationToken);
        _lastContact = _lastLook = _time.GetUtcNow();
        return _current;
    }

    /// <summary>
    /// Looks at the overlay again if a look is due (or one is still under way); true when the overlay's facts
    /// (interface, subnets, this host's addresses) changed. <see cref="Current"/> is updated either way (a managed
    /// route removed shows in <see cref="Report"/> at once).
    /// </summary>
    public async Task<bool> PollIfDueAsync(CancellationToken stopping)
    {
        var now = _time.GetUtcNow();
        if (_inFlight is null)
        {
            if (now - _lastLook < PollInterval)
            {
                return false;
            }

            _lastLook = now;
            _inFlight = _resolver.LookAsync(_settings, stopping);
        }

        try
        {
            await _inFlight.WaitAsync(PollPatience, _time, stopping);
        }
        catch (TimeoutException)
        {
            // Still waiting for an answer (a hung zerotier-one; the client gives up after its request timeout): the
            // loop goes on, and the status turns stale meanwhile.
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // The look failed: read below.
        }

        var look = _inFlight;
        _inFlight = null;
        try
        {
            return Succeeded(await look);
        }
        catch (OverlayResolutionException e)
        {
            Failed(e, _lastLook);
            return false;
        }
    }

    private void Retime(TimeSpan reconcileInterval)
    {
        PollInterval = _settings.Source is ZeroTierOverlaySource ? reconcileInterval : InterfacePollInterval;
        StaleAfter = PollInterval * 2 > MinimumStaleAfter ? PollInterval * 2 : MinimumStaleAfter;
    }

    /// <summary>The overlay part of the status as of <paramref name="now"/>.</summary>
    public OverlayStatusReport Report(DateTimeOffset now)
    {
        var overlay = Current;
        var zeroTier = overlay.ZeroTier is { } zt
            ? new ZeroTierStatusReport(zt.NetworkId, zt.Name, zt.Status, zt.NodeAddress, zt.DefaultRoute.IsRoutedViaThisGateway, Advice(zt))
            : null;
        return new OverlayStatusReport(
            overlay.Facts.InterfaceName,
            [.. overlay.Facts.Subnets.Select(s => s.ToString())],
            [.. overlay.Facts.LocalAddresses.Select(a => a.ToString())],
            zeroTier,
            LastContact: _lastContact,
            Stale: now - _lastContact > StaleAfter,
            Problem: _failure is { } failure ? Describe(failure, now) : null,
            ProblemSince: _failure?.Since);
    }

    private string Advice(ZeroTierNetworkSummary zt) => _overlayGateway is { } gateway
        ? string.Join('\n', OverlayGatewayAdvice.Lines(zt.NetworkId, gateway, zt))
        : zt.DefaultRoute.Text;

    private bool Succeeded(OverlayResolution fresh)
    {
        var now = _time.GetUtcNow();
        _lastContact = now;
        if (_failure is { } failure)
        {
            _logger.LogInformation("the overlay answers again after {Seconds} s", Seconds(now - failure.Since));
            _failure = null;
        }

        var before = _current!;
        _current = fresh;
        var changed = !SameFacts(fresh.Facts, before.Facts);
        if (changed)
        {
            _logger.LogInformation("overlay changed: {Interface} {Subnets} (this host {Addresses})",
                fresh.Facts.InterfaceName, string.Join(", ", fresh.Facts.Subnets), string.Join(", ", fresh.Facts.LocalAddresses));
        }

        if (fresh.ZeroTier?.DefaultRoute.Text is { } advice && advice != before.ZeroTier?.DefaultRoute.Text)
        {
            _logger.LogInformation("ZeroTier default route: {Advice}", advice);
        }

        return changed;
    }

    private void Failed(OverlayResolutionException e, DateTimeOffset lookedAt)
    {
        var unreachable = e.ApiError is ZeroTierApiErrorKind.DaemonNotRunning or ZeroTierApiErrorKind.ConnectionFailed
            or ZeroTierApiErrorKind.Timeout or ZeroTierApiErrorKind.PortFileEmpty;
        if (_failure is { } known && known.Kind == e.Kind && known.Unreachable == unreachable)
        {
            _failure = known with { Message = e.Message };
        }
        else
        {
            _failure = new Failure(e.Kind, unreachable, e.Message, lookedAt);
            _logger.LogWarning("asking the overlay again: {Error} (keeping what was known: {Interface}, this host {Addresses})",
                e.Message, Current.Facts.InterfaceName, string.Join(", ", Current.Facts.LocalAddresses));
        }

        if (_failure.Kind == OverlayResolutionErrorKind.NotJoined && !_failure.ToldNotJoined && IsPastWait(_failure, _time.GetUtcNow()))
        {
            _failure = _failure with { ToldNotJoined = true };
            _logger.LogError("{Problem}", Describe(_failure, _time.GetUtcNow()));
        }
    }

    private string Describe(Failure failure, DateTimeOffset now)
    {
        var since = Clock(failure.Since);
        if (failure.Unreachable)
        {
            return $"ZeroTier API unreachable since {since}: {failure.Message}; keeping the overlay as last read at {Clock(_lastContact)}";
        }

        if (failure.Kind == OverlayResolutionErrorKind.NotJoined && _settings.Source is ZeroTierOverlaySource source)
        {
            var id = source.NetworkId;
            var node = Current.ZeroTier?.NodeAddress ?? "this node";
            return IsPastWait(failure, now)
                ? $"ZeroTier network {id} not joined since {since} (zerotier-one has answered 404 for it for longer than overlay.zerotier_wait_seconds): run `zerotier-cli join {id}`, then authorize member {node} on the network's controller"
                : $"ZeroTier network {id} not rejoined yet after a restart of zerotier-one (404 since {since})";
        }

        return $"since {since}: {failure.Message}";
    }

    private bool IsPastWait(Failure failure, DateTimeOffset now) =>
        _settings.Source is ZeroTierOverlaySource source && now - failure.Since >= source.ConfigurationWait;

    private string Clock(DateTimeOffset when) =>
        TimeZoneInfo.ConvertTime(when, _time.LocalTimeZone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static bool SameFacts(OverlayFacts a, OverlayFacts b) =>
        a.InterfaceName == b.InterfaceName && a.Subnets.SequenceEqual(b.Subnets) && a.LocalAddresses.SequenceEqual(b.LocalAddresses);

    /// <summary>Looks failing the same way since <see cref="Since"/>.</summary>
    private sealed record Failure(OverlayResolutionErrorKind Kind, bool Unreachable, string Message, DateTimeOffset Since)
    {
        public bool ToldNotJoined { get; init; }
    }
}
