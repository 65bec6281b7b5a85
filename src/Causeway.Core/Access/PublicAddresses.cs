using System.Net;
using System.Net.Sockets;

namespace Causeway.Core.Access;

/// <summary>
/// Whether an address can be reached from the internet as it is. `up` with [access] and no public_address uses the
/// uplink's address in client profiles only when this says yes: a free-tier cloud VM behind 1:1 NAT sees only its
/// private address, which no phone could reach.
/// </summary>
public static class PublicAddresses
{
    private static readonly IPNetwork[] NotGlobalV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/3"),
    ];

    private static readonly IPNetwork[] NotGlobalV6 =
    [
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("::ffff:0:0/96"), IPNetwork.Parse("64:ff9b:1::/48"),
        IPNetwork.Parse("100::/64"), IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    /// <summary>
    /// False for private (RFC 1918, unique local), shared (CGNAT), loopback, link-local, multicast, reserved and
    /// documentation ranges (RFC 6890); true otherwise.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var ranges = address.AddressFamily == AddressFamily.InterNetwork ? NotGlobalV4 : NotGlobalV6;
        return !ranges.Any(r => r.Contains(address));
    }

    /// <summary>
    /// The host to write into client profiles: public_address if set, else the uplink address if it is public.
    /// Null with <paramref name="problem"/> saying what to do when there is none.
    /// </summary>
    /// <param name="uplinkAddress">The source address of the host's default route (`ip route get`), if any.</param>
    public static string? ChooseServerHost(string? publicAddress, IPAddress? uplinkAddress, out string? problem)
    {
        problem = null;
        if (publicAddress is not null)
        {
            return publicAddress;
        }

        if (uplinkAddress is not null && IsPublic(uplinkAddress))
        {
            return uplinkAddress.ToString();
        }

        problem = uplinkAddress is null
            ? "access.public_address is not set and this host has no uplink address to use instead: set public_address to the name or address phones connect to"
            : $"access.public_address is not set and this host's uplink address {uplinkAddress} is not public (behind NAT?): phones could not reach it; set public_address to the public name or address (e.g. the cloud VM's public IP)";
        return null;
    }
}
