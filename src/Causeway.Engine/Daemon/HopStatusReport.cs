using Causeway.Core.Hops;

namespace Causeway.Engine.Daemon;

/// <summary>One hop of <see cref="HopsReport"/>.</summary>
/// <param name="Id">"tunnel", "gateway" or "internet" (<see cref="EgressHops"/>).</param>
/// <param name="Name">What the hop is, for a person.</param>
/// <param name="Reached">Its far end, for "… reachable; …".</param>
/// <param name="State">"up", "down" or "unknown".</param>
/// <param name="Since">When it entered that state (for unknown: when watching it began).</param>
/// <param name="LastRoundTripMs">The last answered probe's round trip; null for the tunnel (OpenVPN judges it), or before an answer.</param>
/// <param name="FailuresInARow">Probes lost since the last answered one (0 for the tunnel).</param>
/// <param name="Path">"direct" or "relayed" for a ZeroTier hop whose path is known; else null.</param>
/// <param name="LookNext">What to look at when it is down.</param>
public sealed record HopStatusReport(
    string Id,
    string Name,
    string Reached,
    string State,
    DateTimeOffset Since,
    double? LastRoundTripMs,
    int FailuresInARow,
    string? Path,
    string LookNext)
{
    public const string Up = "up";
    public const string Down = "down";
    public const string Unknown = "unknown";

    public static HopStatusReport Of(Hop hop) => new(
        hop.Id,
        hop.Name,
        hop.Reached,
        hop.Health.State switch
        {
            HopState.Up => Up,
            HopState.Down => Down,
            _ => Unknown,
        },
        hop.Health.Since,
        hop.Health.LastRoundTrip is { } roundTrip ? Math.Round(roundTrip.TotalMilliseconds, 3) : null,
        hop.Health.FailuresInARow,
        hop.Path switch
        {
            PeerPath.Direct => "direct",
            PeerPath.Relayed => "relayed",
            _ => null,
        },
        hop.LookNext);
}
