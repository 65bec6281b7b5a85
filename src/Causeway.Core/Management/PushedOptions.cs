using System.Collections.Immutable;
using System.Globalization;
using System.Net;

namespace Causeway.Core.Management;

/// <summary>
/// What the server pushed, read from the `>UPDOWN:` environment (the same variables an `--up` script gets).
/// With `route-noexec` OpenVPN installs none of it; Causeway reads it here and applies what it wants itself.
/// </summary>
/// <param name="Device">`dev`: the tun device's real name.</param>
/// <param name="LocalAddress">`ifconfig_local`: our address in the tunnel.</param>
/// <param name="VpnGateway">`route_vpn_gateway`: the server's end of the tunnel (topology subnet: the server's tun address).</param>
/// <param name="DnsServers">
/// In order, without duplicates: the 2.6 `--dns` servers (`dns_server_{n}_address_{m}`, by n then m) if any were
/// pushed, since `--dns` overrides `--dhcp-option`; else `foreign_option_N=dhcp-option DNS|DNS6 addr` by N.
/// </param>
/// <param name="SearchDomains">`dns_search_domain_{n}`, else `dhcp-option DOMAIN|DOMAIN-SEARCH`, in order.</param>
public sealed record PushedOptions(
    string? Device,
    IPAddress? LocalAddress,
    IPAddress? Netmask,
    IPAddress? VpnGateway,
    IPAddress? LocalAddressV6,
    ImmutableArray<IPAddress> DnsServers,
    ImmutableArray<string> SearchDomains)
{
    public static readonly PushedOptions Empty = new(null, null, null, null, null, [], []);

    public static PushedOptions FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        string? Value(string name) => environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        IPAddress? Address(string name) => Value(name) is { } text ? AddressText.TryParse(text) : null;

        var dnsFromDnsOption = new List<(int Server, int Index, IPAddress Address)>();
        var searchFromDnsOption = new List<(int Index, string Domain)>();
        var foreign = new List<(int Index, string Kind, string Value)>();
        foreach (var (name, value) in environment)
        {
            if (TryIndices(name, "dns_server_", "_address_", out var server, out var index)
                && AddressText.TryParseWithOptionalPort(value) is { } dns)
            {
                dnsFromDnsOption.Add((server, index, dns));
            }
            else if (TryIndex(name, "dns_search_domain_", out var domainIndex) && value.Length > 0)
            {
                searchFromDnsOption.Add((domainIndex, value.Trim()));
            }
            else if (TryIndex(name, "foreign_option_", out var optionIndex) && ParseDhcpOption(value) is { } option)
            {
                foreign.Add((optionIndex, option.Kind, option.Value));
            }
        }

        foreign.Sort((a, b) => a.Index.CompareTo(b.Index));
        IEnumerable<IPAddress> dnsServers = dnsFromDnsOption.Count > 0
            ? dnsFromDnsOption.OrderBy(d => d.Server).ThenBy(d => d.Index).Select(d => d.Address)
            : foreign
                .Where(o => o.Kind is "DNS" or "DNS6")
                .Select(o => AddressText.TryParse(o.Value))
                .OfType<IPAddress>();
        IEnumerable<string> domains = searchFromDnsOption.Count > 0
            ? searchFromDnsOption.OrderBy(d => d.Index).Select(d => d.Domain)
            : foreign.Where(o => o.Kind is "DOMAIN" or "DOMAIN-SEARCH").Select(o => o.Value);

        return new PushedOptions(
            Value("dev"),
            Address("ifconfig_local"),
            Address("ifconfig_netmask"),
            Address("route_vpn_gateway") ?? Address("ifconfig_remote"),
            Address("ifconfig_ipv6_local"),
            [.. dnsServers.Distinct()],
            [.. domains.Distinct(StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>`dhcp-option DNS 10.8.0.1` → ("DNS", "10.8.0.1"); the kind upper-cased.</summary>
    private static (string Kind, string Value)? ParseDhcpOption(string option)
    {
        var words = option.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length == 3 && words[0].Equals("dhcp-option", StringComparison.OrdinalIgnoreCase)
            ? (words[1].ToUpperInvariant(), words[2].Trim('"', '\''))
            : null;
    }

    private static bool TryIndex(string name, string prefix, out int index)
    {
        index = 0;
        return name.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    /// <summary>`dns_server_2_address_1` → (2, 1).</summary>
    private static bool TryIndices(string name, string prefix, string middle, out int first, out int second)
    {
        first = second = 0;
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = name.AsSpan(prefix.Length);
        var at = rest.IndexOf(middle, StringComparison.Ordinal);
        return at > 0
            && int.TryParse(rest[..at], NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && int.TryParse(rest[(at + middle.Length)..], NumberStyles.None, CultureInfo.InvariantCulture, out second);
    }
}
