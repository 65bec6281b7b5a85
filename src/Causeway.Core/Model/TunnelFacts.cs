using System.Collections.Immutable;
using System.Net;

namespace Causeway.Core.Model;

/// <summary>The provider tunnel as the supervisor last saw it through the management interface.</summary>
/// <param name="Connected">CONNECTED,SUCCESS and not since RECONNECTING/EXITING/EOF.</param>
/// <param name="LocalAddress">The tun address (ifconfig_local).</param>
/// <param name="PushedDns">DNS servers from `foreign_option_N=dhcp-option DNS ...`, in order. Kept across reconnects.</param>
public sealed record TunnelFacts(
    bool Connected,
    IPAddress? LocalAddress,
    ImmutableArray<IPAddress> PushedDns)
{
    public static readonly TunnelFacts Down = new(false, null, []);
}
