using System.Collections.Immutable;
using System.Net;

namespace Causeway.Core.Netlink;

/// <summary>Parses `ip [-4|-6] -json addr show [dev X]`.</summary>
public static class IpAddressParser
{
    public static ImmutableArray<IpInterfaceAddresses> Parse(string json)
    {
        const string what = "ip -json addr show";
        using var document = IpJson.ParseArray(json, what);
        var interfaces = ImmutableArray.CreateBuilder<IpInterfaceAddresses>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            // `ip -4 addr show` prints an empty object for every interface without an IPv4 address.
            if (IpJson.GetString(element, "ifname") is not { } name)
            {
                continue;
            }

            var addresses = ImmutableArray.CreateBuilder<IpInterfaceAddress>();
            if (element.TryGetProperty("addr_info", out var info) && info.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                foreach (var entry in info.EnumerateArray())
                {
                    var local = IpJson.GetString(entry, "local");
                    if (local is null)
                    {
                        continue;
                    }

                    if (!IPAddress.TryParse(local, out var address))
                    {
                        throw new FormatException($"parsing the output of `{what}`: \"{local}\" on {name} is not an address");
                    }

                    addresses.Add(new IpInterfaceAddress(
                        address,
                        (int)(IpJson.GetInt64(entry, "prefixlen") ?? (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32)),
                        IpJson.GetString(entry, "scope")));
                }
            }

            interfaces.Add(new IpInterfaceAddresses(
                (int)(IpJson.GetInt64(element, "ifindex") ?? 0),
                name,
                [.. IpJson.GetStrings(element, "flags")],
                addresses.ToImmutable())
            {
                Mtu = IpJson.GetInt64(element, "mtu") is { } mtu and > 0 and <= int.MaxValue ? (int)mtu : null,
            });
        }

        return interfaces.ToImmutable();
    }
}
