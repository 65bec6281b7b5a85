namespace Causeway.Engine.Daemon;

/// <summary>One device of <see cref="TrafficReport"/>: the kernel's counters (since the device was made) and rates.</summary>
/// <param name="Device">The device, e.g. "tuncw0".</param>
/// <param name="Role">"egress" (towards the provider or the gateway), "overlay" (overlay members' side) or "access" (an access server's).</param>
/// <param name="Hop">The hop of `hops.items` whose traffic this device carries ("tunnel" or "gateway" for the egress); null on the client side.</param>
/// <param name="Transport">An access server's "udp" or "tcp"; else null.</param>
/// <param name="Present">The device exists now (a tunnel's is gone while it reconnects); its numbers are 0 and its rates null when not.</param>
/// <param name="ReceivedBytes">rx: bytes that arrived on the device.</param>
/// <param name="SentBytes">tx: bytes that left through it.</param>
/// <param name="UpstreamBytesPerSecond">Towards the internet: tx on the egress, rx on the client side. Null without two readings.</param>
/// <param name="DownstreamBytesPerSecond">Back towards the clients: rx on the egress, tx on the client side.</param>
public sealed record TrafficDeviceReport(
    string Device,
    string Role,
    string? Hop,
    string? Transport,
    bool Present,
    long ReceivedBytes,
    long SentBytes,
    long ReceivedPackets,
    long SentPackets,
    double? ReceivedBytesPerSecond,
    double? SentBytesPerSecond,
    double? UpstreamBytesPerSecond,
    double? DownstreamBytesPerSecond)
{
    public const string EgressRole = "egress";
    public const string OverlayRole = "overlay";
    public const string AccessRole = "access";
}
