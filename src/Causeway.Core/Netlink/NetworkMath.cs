using System.Net;

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
}
