using System.Collections.Immutable;
using System.Net.Sockets;
using Causeway.Core.ZeroTier;

namespace Causeway.Lab.ZeroTier;

/// <summary>
/// The tap MAC zerotier-one derives from a node address and a network id (node/MAC.hpp), and the multicast
/// groups a Linux tap subscribes to, so that the stand-in's `mac` and `multicastSubscriptions` look real.
/// </summary>
internal static class ZeroTierMac
{
    public static ulong Derive(string nodeAddress, string networkId)
    {
        var address = ZeroTierIdentifiers.ParseNodeAddress(nodeAddress);
        var nwid = ZeroTierIdentifiers.ParseNetworkId(networkId);

        // The first octet is unicast, locally administered, from the network id; 0x52 is avoided (KVM's prefix).
        var first = (byte)((nwid & 0xFE) | 0x02);
        if (first == 0x52)
        {
            first = 0x32;
        }

        var mac = ((ulong)first << 40) | address;
        mac ^= ((nwid >> 8) & 0xFF) << 32;
        mac ^= ((nwid >> 16) & 0xFF) << 24;
        mac ^= ((nwid >> 24) & 0xFF) << 16;
        mac ^= ((nwid >> 32) & 0xFF) << 8;
        mac ^= (nwid >> 40) & 0xFF;
        return mac;
    }

    public static string Format(ulong mac) => string.Join(':', Enumerable.Range(0, 6).Select(i => ((mac >> (40 - (8 * i))) & 0xFF).ToString("x2")));

    /// <summary>
    /// IPv4 all-hosts, IPv6 all-nodes, the solicited-node group of the tap's link-local address, and one ARP
    /// broadcast group per IPv4 address (adi = the address), sorted like the daemon's set.
    /// </summary>
    public static ImmutableArray<ZeroTierMulticastSubscription> Subscriptions(ulong mac, IEnumerable<string> assignedAddresses)
    {
        var subscriptions = new List<ZeroTierMulticastSubscription>
        {
            new(0, "01:00:5e:00:00:01"),
            new(0, "33:33:00:00:00:01"),
            new(0, $"33:33:ff:{Format(mac)[9..]}"),
        };
        foreach (var assigned in assignedAddresses)
        {
            if (ZeroTierAddressText.TryParseAddressWithPrefix(assigned, out var address, out _)
                && address.AddressFamily == AddressFamily.InterNetwork)
            {
                var bytes = address.GetAddressBytes();
                var adi = ((long)bytes[0] << 24) | ((long)bytes[1] << 16) | ((long)bytes[2] << 8) | bytes[3];
                subscriptions.Add(new ZeroTierMulticastSubscription(adi, "ff:ff:ff:ff:ff:ff"));
            }
        }

        return [.. subscriptions.OrderBy(s => s.Mac, StringComparer.Ordinal).ThenBy(s => s.Adi)];
    }
}
