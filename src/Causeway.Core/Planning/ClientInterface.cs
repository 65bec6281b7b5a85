using System.Collections.Immutable;
using System.Net;

namespace Causeway.Core.Planning;

/// <summary>
/// An interface whose arriving traffic Causeway forwards to the egress: the overlay in Uno; the access
/// servers' tun devices join it in Duo.
/// </summary>
/// <param name="Name">The device, e.g. zt2nvuuqiv.</param>
/// <param name="Subnets">The clients' networks behind it (IPv4 and IPv6).</param>
/// <param name="LocalAddresses">This host's addresses on it: DNS sent to these is redirected to the resolver.</param>
public sealed record ClientInterface(
    string Name,
    ImmutableArray<IPNetwork> Subnets,
    ImmutableArray<IPAddress> LocalAddresses)
{
    /// <summary>The largest packet the device carries whole; null when unknown (then only the egress's counts).</summary>
    public int? Mtu { get; init; }
}
