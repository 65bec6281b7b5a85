using System.Net;

namespace Causeway.Core.Tunnel;

/// <summary>
/// Counts ping-restarts in a row that came although the tunnel probe's echoes to the VPN gateway went unanswered. A
/// provider that ignores echoes to its tunnel address leaves an idle tunnel to OpenVPN's ping-restart alone, which
/// then restarts it every few seconds: after <see cref="RestartsBeforeError"/> of them the status says so, with what to
/// change. Any answered echo clears the count (the peer answers; the restart had another cause).
/// </summary>
/// <remarks>Arithmetic only: the supervisor owns the prober and reports what it counted.</remarks>
public sealed class UnansweredProbes
{
    /// <summary>ping-restarts in a row with no probe answered before the status says the provider ignores pings.</summary>
    public const int RestartsBeforeError = 2;

    /// <summary>The ping-restarts in a row counted so far.</summary>
    public int InARow { get; private set; }

    /// <summary>
    /// A probing period ended (the tunnel left CONNECTED for <paramref name="reason"/>, null when none was given).
    /// Returns whether it counts: a ping-restart after echoes were sent and none was answered.
    /// </summary>
    public bool Record(string? reason, int sent, int answered)
    {
        if (answered > 0)
        {
            InARow = 0;
            return false;
        }

        if (reason != "ping-restart" || sent == 0)
        {
            return false;
        }

        InARow++;
        return true;
    }

    /// <summary>The error the status shows once <see cref="InARow"/> reaches <see cref="RestartsBeforeError"/>; null before.</summary>
    public string? Error(IPAddress target) =>
        InARow < RestartsBeforeError
            ? null
            : $"the provider does not answer pings on its tunnel address {target}: dead-peer detection falls back "
                + $"to OpenVPN's ping-restart alone, which restarted an idle tunnel {InARow} times in a row; "
                + "set ping_restart_seconds above the provider's keepalive interval (e.g. 25 for `keepalive 10 60`)";
}
