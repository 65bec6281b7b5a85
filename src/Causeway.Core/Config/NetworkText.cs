using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Causeway.Core.Config;

/// <summary>
/// Strict parsing of addresses and CIDR networks as users write them. Stricter than <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>,
/// which also takes "10.1" or "010.0.0.1" (octal) and would silently mean something else than what was meant.
/// </summary>
internal static partial class NetworkText
{
    public static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (Ipv4Pattern().IsMatch(text))
        {
            return IPAddress.TryParse(text, out address);
        }

        if (text.Contains(':', StringComparison.Ordinal) && Ipv6Characters().IsMatch(text)
            && IPAddress.TryParse(text, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetworkV6)
        {
            address = parsed;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Parses "address/prefix". On failure, <paramref name="problem"/> says why and <paramref name="fix"/> what to
    /// write instead (for host bits set: the network form, e.g. "10.147.17.0/24").
    /// </summary>
    public static bool TryParseNetwork(string text, out IPNetwork network, [NotNullWhen(false)] out string? problem, out string? fix)
    {
        network = default;
        fix = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            problem = "has no prefix length";
            fix = TryParseAddress(text, out var bare)
                ? $"add one, e.g. \"{text}/{(bare.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)}\" for this address alone"
                : "write a network as address/prefix, e.g. \"192.168.1.0/24\"";
            return false;
        }

        var addressText = text[..slash];
        var prefixText = text[(slash + 1)..];
        if (!TryParseAddress(addressText, out var address))
        {
            problem = $"has an invalid address \"{addressText}\"";
            fix = "write a network as address/prefix, e.g. \"192.168.1.0/24\"";
            return false;
        }

        var maximum = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (!PrefixPattern().IsMatch(prefixText)
            || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix > maximum)
        {
            problem = $"has an invalid prefix length \"/{prefixText}\" (0 to {maximum})";
            return false;
        }

        var masked = Mask(address, prefix);
        if (!masked.Equals(address))
        {
            problem = $"has host bits set: the bits after the /{prefix} prefix must be zero";
            fix = $"write \"{masked}/{prefix}\"";
            return false;
        }

        network = new IPNetwork(address, prefix);
        problem = null;
        return true;
    }

    /// <summary>An IPv4 address one host can have: not loopback, unspecified, broadcast or multicast.</summary>
    public static bool IsUnicastHost(IPAddress address) =>
        !IPAddress.IsLoopback(address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.Broadcast)
        && (address.GetAddressBytes()[0] & 0xF0) != 0xE0;

    public static bool Overlap(IPNetwork a, IPNetwork b) =>
        a.BaseAddress.AddressFamily == b.BaseAddress.AddressFamily
        && (a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress));

    /// <summary>
    /// Ranges that are a LAN by definition: RFC 1918, shared address space (CGNAT), link-local, unique local.
    /// Anything else in allow_lan is reached through the host's uplink, unencrypted.
    /// </summary>
    public static bool IsPrivate(IPNetwork network)
    {
        IPNetwork[] privateRanges =
        [
            IPNetwork.Parse("10.0.0.0/8"),
            IPNetwork.Parse("172.16.0.0/12"),
            IPNetwork.Parse("192.168.0.0/16"),
            IPNetwork.Parse("100.64.0.0/10"),
            IPNetwork.Parse("169.254.0.0/16"),
            IPNetwork.Parse("fc00::/7"),
            IPNetwork.Parse("fe80::/10"),
        ];
        return privateRanges.Any(range => range.BaseAddress.AddressFamily == network.BaseAddress.AddressFamily
            && range.PrefixLength <= network.PrefixLength
            && range.Contains(network.BaseAddress));
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bitsHere = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsHere));
        }

        return new IPAddress(bytes);
    }

    [GeneratedRegex(@"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$")]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"^[0-9A-Fa-f:.]+$")]
    private static partial Regex Ipv6Characters();

    [GeneratedRegex(@"^(0|[1-9][0-9]{0,2})$")]
    private static partial Regex PrefixPattern();
}
