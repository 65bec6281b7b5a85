namespace Causeway.Core.Hops;

/// <summary>
/// When a hop counts as down. One lost probe is not an outage (a busy link drops an echo now and then); three in a
/// row, at the one-to-two-second probe interval, say within about five seconds that the path is gone, well before
/// OpenVPN's own ping-restart would.
/// </summary>
public sealed record HopHealthPolicy(int FailuresToDown)
{
    public static readonly HopHealthPolicy Default = new(3);
}
