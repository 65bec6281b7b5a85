using System.Net;
using System.Net.Sockets;

namespace Causeway.Core.Netlink;

/// <summary>Building <see cref="IPNetwork"/> values from an address whose host bits may be set.</summary>
public static class NetworkMath
{
    /// <summary>The network of <paramref name="address"/>/<paramref name="prefixLength"/>, host bits cleared.</summary>
    public static IPNetwork Create(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPNetwork(new IPAddress(bytes), prefixLength);
    }

    /// <summary>The prefix length of one address: 32 or 128.</summary>
    public static int HostPrefix(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 128 : 32;

    /// <summary>The network of exactly <paramref name="address"/>.</summary>
    public static IPNetwork Host(IPAddress address) => new(address, HostPrefix(address.AddressFamily));

    /// <summary>A network as `ip` and `nft` print it: a single address without its /32 or /128.</summary>
    public static string Format(IPNetwork network) =>
        network.PrefixLength == HostPrefix(network.BaseAddress.AddressFamily) ? network.BaseAddress.ToString() : network.ToString();
}
