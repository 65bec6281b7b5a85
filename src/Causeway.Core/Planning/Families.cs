using System.Net;
using System.Net.Sockets;

namespace Causeway.Core.Planning;

/// <summary>IPv4 and IPv6 in the words and flags the tools use.</summary>
public static class Families
{
    public static readonly AddressFamily[] Both = [AddressFamily.InterNetwork, AddressFamily.InterNetworkV6];

    public static string Name(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";

    /// <summary>`-4` or `-6` for `ip`.</summary>
    public static string IpFlag(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "-6" : "-4";

    public static AddressFamily Of(IPNetwork network) => network.BaseAddress.AddressFamily;

    public static IPNetwork Default(AddressFamily family) =>
        family == AddressFamily.InterNetworkV6 ? new IPNetwork(IPAddress.IPv6Any, 0) : new IPNetwork(IPAddress.Any, 0);

    /// <summary>
    /// The networks without those another one already covers, in their first order: nft refuses overlapping
    /// intervals in one set.
    /// </summary>
    public static IPNetwork[] WithoutCovered(IEnumerable<IPNetwork> networks)
    {
        var all = networks.Distinct().ToArray();
        return [.. all.Where(n => !all.Any(o => !o.Equals(n) && o.PrefixLength <= n.PrefixLength && o.Contains(n.BaseAddress)))];
    }
}
