using System.Collections.Immutable;
using System.Net;

namespace Causeway.Core.Model;

/// <summary>The overlay as it is right now (from zerotier-one, or from the config and the interface).</summary>
/// <param name="InterfaceName">e.g. zt2nvuuqiv.</param>
/// <param name="Subnets">Overlay subnets (IPv4 and IPv6).</param>
/// <param name="LocalAddresses">This host's addresses on the overlay (DNS is redirected when sent to these).</param>
public sealed record OverlayFacts(
    string InterfaceName,
    ImmutableArray<IPNetwork> Subnets,
    ImmutableArray<IPAddress> LocalAddresses)
{
    /// <summary>
    /// The overlay device's MTU (ZeroTier's network MTU, 2800 by default; an interface's own), null when unknown:
    /// one hop of the MSS budget (<see cref="Planning.MssBudget"/>).
    /// </summary>
    public int? Mtu { get; init; }
}
