using System.Collections.Immutable;
using System.Net.Sockets;
using Causeway.Core.ZeroTier;

namespace Causeway.Lab.ZeroTier;

/// <summary>
/// The multicast groups a Linux tap subscribes to, so that the stand-in's `multicastSubscriptions` look real (the
/// tap's MAC itself is <see cref="ZeroTierMac"/>, which Causeway also reads back).
/// </summary>
internal static class ZeroTierTapSubscriptions
{
    /// <summary>
    /// IPv4 all-hosts, IPv6 all-nodes, the solicited-node group of the tap's link-local address, and one ARP
    /// broadcast group per IPv4 address (adi = the address), sorted like the daemon's set.
    /// </summary>
    public static ImmutableArray<ZeroTierMulticastSubscription> Of(ulong mac, IEnumerable<string> assignedAddresses)
    {
        var subscriptions = new List<ZeroTierMulticastSubscription>
        {
            new(0, "01:00:5e:00:00:01"),
            new(0, "33:33:00:00:00:01"),
            new(0, $"33:33:ff:{ZeroTierMac.Format(mac)[9..]}"),
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
