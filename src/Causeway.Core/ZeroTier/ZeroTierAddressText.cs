using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Causeway.Core.ZeroTier;

/// <summary>
/// The address texts zerotier-one uses: `10.222.0.1/24` (an address with the prefix length of its network, as
/// in assignedAddresses), CIDR route targets, and plain IPs.
/// </summary>
public static class ZeroTierAddressText
{
    /// <summary>Parses `address/prefix`; the address may have host bits set (it usually does).</summary>
    public static bool TryParseAddressWithPrefix(string? text, out IPAddress address, out int prefixLength)
    {
        address = IPAddress.None;
        prefixLength = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !IPAddress.TryParse(text.AsSpan(0, slash), out var parsed)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
            || bits > MaxPrefixLength(parsed))
        {
            return false;
        }

        address = parsed;
        prefixLength = bits;
        return true;
    }

    /// <summary>Parses a CIDR, masking host bits (`10.222.0.1/24` → 10.222.0.0/24).</summary>
    public static bool TryParseNetwork(string? text, out IPNetwork network)
    {
        network = default;
        if (!TryParseAddressWithPrefix(text, out var address, out var bits))
        {
            return false;
        }

        network = NetworkOf(address, bits);
        return true;
    }

    /// <summary>The network an address with a prefix length belongs to.</summary>
    public static IPNetwork NetworkOf(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefixLength - (8 * i), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPNetwork(new IPAddress(bytes), prefixLength);
    }

    public static int MaxPrefixLength(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
}
