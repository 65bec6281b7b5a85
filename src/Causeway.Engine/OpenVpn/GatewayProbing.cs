using System.Net;
using Causeway.Core.Tunnel;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.OpenVpn;

/// <summary>
/// The provider tunnel's <see cref="TunnelProber"/> over its connections: started on each connect, stopped when the
/// tunnel leaves CONNECTED, and what its echoes say about the ping-restarts in between (<see cref="UnansweredProbes"/>).
/// Used only from the supervisor loop.
/// </summary>
/// <param name="onResult">Each echo's outcome, from the prober's own task.</param>
internal sealed class GatewayProbing(ITunnelProbe probe, TimeSpan interval, TimeProvider time, ILogger logger, Action<bool> onResult)
{
    private readonly UnansweredProbes _unanswered = new();
    private TunnelProber? _prober;
    private bool _warnedNoGateway;

    /// <summary>Starts probing <paramref name="gateway"/>, the pushed route-gateway; without one there is nothing to probe.</summary>
    public void Start(IPAddress? gateway)
    {
        if (gateway is null)
        {
            if (!_warnedNoGateway)
            {
                _warnedNoGateway = true;
                logger.LogWarning(
                    "the server pushed no route-gateway, so there is nothing to probe: an idle tunnel depends on the provider's own pings");
            }

            return;
        }

        _prober = TunnelProber.Start(probe, gateway, interval, time, logger, onResult);
    }

    /// <summary>
    /// The tunnel is no longer connected (<paramref name="reason"/>: what RECONNECTING or EXITING said): stops probing.
    /// Returns the error the status must show when ping-restarts keep coming with every echo unanswered, else null.
    /// </summary>
    public async Task<string?> StopAsync(string? reason)
    {
        if (_prober is not { } prober)
        {
            return null;
        }

        _prober = null;
        await prober.DisposeAsync();
        if (!_unanswered.Record(reason, prober.Sent, prober.Answered))
        {
            return null;
        }

        logger.LogWarning(
            "ping-restart after {Sent} unanswered probes of the VPN gateway {Gateway}", prober.Sent, prober.Target);
        return _unanswered.Error(prober.Target);
    }
}
