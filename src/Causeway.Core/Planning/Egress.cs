using System.Collections.Immutable;
using System.Net;

namespace Causeway.Core.Planning;

/// <summary>
/// Where forwarded traffic leaves: the provider tunnel's device, or a gateway on the overlay (then
/// <paramref name="Gateway"/> is set and the device is the overlay's, which is also a client interface).
/// </summary>
/// <param name="Usable">The path carries traffic now (tunnel CONNECTED): only then is the default route through it present.</param>
/// <param name="Gateway">Next hop on <paramref name="DeviceName"/>; null for a point-to-point device such as a tun.</param>
public sealed record Egress(string DeviceName, bool Usable, IPAddress? Gateway = null)
{
    /// <summary>
    /// This host's own addresses inside the tunnel (the last the provider gave; kept while it reconnects): nothing
    /// sourced from them may leave by any other interface.
    /// </summary>
    public ImmutableArray<IPAddress> LocalAddresses { get; init; } = [];

    /// <summary>The largest packet the egress carries whole; null when unknown (then it sets no clamp).</summary>
    public int? Mtu { get; init; }
}
