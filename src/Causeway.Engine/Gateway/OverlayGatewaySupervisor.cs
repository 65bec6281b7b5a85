using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Causeway.Core.Hops;
using Causeway.Core.Management;
using Causeway.Core.Model;
using Causeway.Core.Tunnel;
using Causeway.Engine.OpenVpn;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.Gateway;

/// <summary>
/// The egress of a host whose provider tunnel is another Causeway host on the overlay (Dinosaur's VM: the home SBC).
/// There is no process to run: the "tunnel" is the overlay path to the gateway, watched by an ICMP echo every
/// interval. It is Connected while the gateway answers and Reconnecting once <see cref="HopHealthPolicy.FailuresToDown"/>
/// echoes in a row are lost (down since the first of them), so the daemon treats it exactly like a provider tunnel:
/// the route via the gateway is there only while it answers, and the kill switch holds the rest of the time.
/// </summary>
public sealed class OverlayGatewaySupervisor : ITunnelSupervisor
{
    private readonly IPAddress _gateway;
    private readonly ITunnelProbe _probe;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _healthLock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TunnelStatusCell _status;
    private HopHealth _health;
    private Task? _loop;

    // This host's IPv4 address on the overlay: the echo's source. Bound to it, the echo can only take the overlay's
    // route; with the overlay device down, policy routing and the uplink guard keep it off the uplink.
    private volatile IPAddress? _source;

    public OverlayGatewaySupervisor(IPAddress gateway, ITunnelProbe probe, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _gateway = gateway;
        _probe = probe;
        _interval = interval;
        _time = time;
        _logger = logger;
        _status = new TunnelStatusCell(TunnelStatus.Stopped(time.GetUtcNow()) with { VpnGateway = gateway });
        _health = HopHealth.Start(time.GetUtcNow());
    }

    public TunnelStatus Current => _status.Current;

    /// <summary>The gateway's health as its echoes tell it (for the hop report).</summary>
    public HopHealth Health
    {
        get
        {
            lock (_healthLock)
            {
                return _health;
            }
        }
    }

    public ChannelReader<TunnelStatus> Updates => _status.Updates;

    public int? LeftRunningProcessId => null;

    public void ObserveOverlay(OverlayFacts overlay) =>
        _source = overlay.LocalAddresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);

    public Task<ManagementReply> SendCommandAsync(string command, CancellationToken cancellationToken = default) =>
        throw new IOException($"there is no OpenVPN management session to send `{command}` to: this host's egress is the gateway {_gateway} on the overlay, which runs the provider tunnel");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("the overlay gateway supervisor was already started");
        }

        var now = _time.GetUtcNow();
        Update(s => s with { State = TunnelState.Connecting, StateSince = now, Detail = $"waiting for the gateway {_gateway} to answer over the overlay" });
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        if (_loop is { } loop)
        {
            await loop.WaitAsync(cancellationToken);
        }

        var now = _time.GetUtcNow();
        Update(s => s with { State = TunnelState.Stopped, StateSince = now, Detail = string.Empty });
        _status.Complete();
    }

    /// <summary>Nothing runs that could be left running: the same as a stop.</summary>
    public Task LeaveRunningAsync(CancellationToken cancellationToken) => StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            do
            {
                var at = _time.GetUtcNow();
                TimeSpan? roundTrip = null;
                string? failure = null;
                if (_source is not { } source)
                {
                    // Never unbound: an echo without this host's overlay address as its source could follow the
                    // host's default route out of the uplink while the overlay device is down.
                    failure = "this host has no IPv4 address on the overlay yet";
                }
                else
                {
                    try
                    {
                        // The timeout never exceeds the interval, so echoes never pile up.
                        roundTrip = await _probe.EchoAsync(source, _gateway, _interval, stopping);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Could not even send (the address gone, no permission): the gateway is not reachable.
                        failure = e.Message;
                    }
                }

                var outcome = roundTrip is { } answered ? HopProbeOutcome.Answer(at, answered) : HopProbeOutcome.Lost(at);
                Record(outcome, failure);
            }
            while (await timer.WaitForNextTickAsync(stopping));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private void Record(HopProbeOutcome outcome, string? failure)
    {
        HopHealth before, after;
        lock (_healthLock)
        {
            before = _health;
            after = _health = before.After(outcome, HopHealthPolicy.Default);
        }

        if (after.State == HopState.Up && before.State != HopState.Up)
        {
            _logger.LogInformation("the gateway {Gateway} answers over the overlay: routing clients' internet traffic to it", _gateway);
            Update(s => s with
            {
                State = TunnelState.Connected,
                StateSince = after.Since,
                Detail = $"the gateway {_gateway} answers over the overlay",
                ConnectionGeneration = s.ConnectionGeneration + 1,
                PeerAnswersProbes = true,
            });
        }
        else if (after.State == HopState.Down && before.State != HopState.Down)
        {
            var since = after.Since.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            var error = $"the gateway {_gateway} has not answered {after.FailuresInARow} echoes in a row over the overlay since {since} UTC"
                + (failure is null ? string.Empty : $" ({failure})")
                + ": is the overlay up on both hosts (`zerotier-cli listnetworks`), and the gateway running?";
            _logger.LogWarning("{Error}: clients' internet traffic is dropped until it answers again", error);
            Update(s => s with
            {
                State = TunnelState.Reconnecting,
                StateSince = after.Since,
                Detail = "the gateway does not answer over the overlay",
                Reconnects = s.State == TunnelState.Connected ? s.Reconnects + 1 : s.Reconnects,
                LastError = error,
                LastErrorAt = after.Since,
                PeerAnswersProbes = false,
            });
        }
    }

    private void Update(Func<TunnelStatus, TunnelStatus> change) => _status.Update(change);
}
