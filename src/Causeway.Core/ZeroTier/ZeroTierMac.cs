using System.Globalization;

namespace Causeway.Core.ZeroTier;

/// <summary>
/// The MAC zerotier-one gives a member's tap on a network (node/MAC.hpp): derived from the member's node address and
/// the network id, reversibly. Read back, a neighbour's MAC on the zt device names the ZeroTier node behind an overlay
/// address, which the local API's `/peer/&lt;address&gt;` then tells the path to.
/// </summary>
public static class ZeroTierMac
{
    /// <summary>The 48-bit MAC of <paramref name="nodeAddress"/>'s tap on <paramref name="networkId"/>.</summary>
    public static ulong Derive(string nodeAddress, string networkId)
    {
        var address = ZeroTierIdentifiers.ParseNodeAddress(nodeAddress);
        var nwid = ZeroTierIdentifiers.ParseNetworkId(networkId);
        return ((ulong)FirstOctet(nwid) << 40) | (address ^ Mask(nwid));
    }

    /// <summary>
    /// The node address whose tap on <paramref name="networkId"/> has <paramref name="mac"/>; null when the MAC is not
    /// one ZeroTier gives on that network (its first octet comes from the network id).
    /// </summary>
    public static string? NodeAddressOf(ulong mac, string networkId)
    {
        var nwid = ZeroTierIdentifiers.ParseNetworkId(networkId);
        if ((mac >> 40) != FirstOctet(nwid))
        {
            return null;
        }

        // The low 40 bits are the address XORed with the network id's bytes: XOR again to unmask it.
        var address = (mac & 0xFF_FFFF_FFFF) ^ Mask(nwid);
        return address.ToString("x10", CultureInfo.InvariantCulture);
    }

    /// <summary>"2e:5e:ef:20:b7:c4" (lowercase, as zerotier-one and `ip` write it).</summary>
    public static string Format(ulong mac) =>
        string.Join(':', Enumerable.Range(0, 6).Select(i => ((mac >> (40 - (8 * i))) & 0xFF).ToString("x2", CultureInfo.InvariantCulture)));

    /// <summary>Six colon-separated hex octets, either case; false for anything else.</summary>
    public static bool TryParse(string? text, out ulong mac)
    {
        mac = 0;
        var octets = text?.Split(':');
        if (octets is not { Length: 6 })
        {
            return false;
        }

        ulong parsed = 0;
        foreach (var octet in octets)
        {
            if (octet.Length != 2 || !byte.TryParse(octet, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            parsed = (parsed << 8) | value;
        }

        mac = parsed;
        return true;
    }

    /// <summary>Unicast, locally administered, from the network id; 0x52 is avoided (KVM's prefix).</summary>
    private static byte FirstOctet(ulong nwid)
    {
        var first = (byte)((nwid & 0xFE) | 0x02);
        return first == 0x52 ? (byte)0x32 : first;
    }

    /// <summary>Bytes 1 to 5 of the network id, in the opposite order, over the 40 address bits.</summary>
    private static ulong Mask(ulong nwid) =>
        (((nwid >> 8) & 0xFF) << 32)
        | (((nwid >> 16) & 0xFF) << 24)
        | (((nwid >> 24) & 0xFF) << 16)
        | (((nwid >> 32) & 0xFF) << 8)
        | ((nwid >> 40) & 0xFF);
}
