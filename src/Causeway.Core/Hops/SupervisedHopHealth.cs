using Causeway.Core.Tunnel;

namespace Causeway.Core.Hops;

/// <summary>
/// The health of a hop a supervisor keeps (the provider tunnel; an overlay gateway's supervisor), from its
/// <see cref="TunnelStatus"/> rather than from probes of our own: the supervisor already judges it, with OpenVPN's
/// ping-restart or the gateway's echoes, and a second judge could only disagree.
/// </summary>
public static class SupervisedHopHealth
{
    /// <summary>
    /// Connected: up since the supervisor says it connected. Otherwise down from the moment it left Connected, and
    /// while it stays away. Before the first connection, starting and connecting are not a failure (a tunnel takes
    /// seconds to come up): unknown until the supervisor reports one (a reconnect, an exit, an error).
    /// </summary>
    public static HopHealth After(HopHealth previous, TunnelStatus status)
    {
        if (status.State == TunnelState.Connected)
        {
            return previous.State == HopState.Up && previous.Since == status.StateSince
                ? previous
                : new HopHealth(HopState.Up, status.StateSince, 0, null, previous.LastRoundTrip);
        }

        return previous.State switch
        {
            HopState.Down => previous,
            HopState.Up => Down(status.StateSince),
            _ when HasFailed(status) => Down(status.LastErrorAt is { } at && at < status.StateSince ? at : status.StateSince),
            _ => previous,
        };
    }

    private static HopHealth Down(DateTimeOffset since) => new(HopState.Down, since, 0, since, null);

    private static bool HasFailed(TunnelStatus status) =>
        status.State is TunnelState.Reconnecting or TunnelState.BackingOff or TunnelState.Exiting
        || status.LastError is not null
        || status.ConnectionGeneration > 0;
}
