using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Causeway.Core.Netlink;

/// <summary>Parses `ip [-6] -json route show table N` (or `table all`).</summary>
public static class IpRouteParser
{
    /// <summary>What `ip` says on stderr when asked for a table that has never held a route.</summary>
    public const string MissingTableMessage = "FIB table does not exist";

    public static ImmutableArray<IpRoute> Parse(string json, AddressFamily family)
    {
        var what = family == AddressFamily.InterNetworkV6 ? "ip -6 -json route show" : "ip -json route show";
        using var document = IpJson.ParseArray(json, what);
        var routes = ImmutableArray.CreateBuilder<IpRoute>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var destination = IpJson.ParseNetwork(IpJson.GetString(element, "dst"), null, family, what)
                ?? throw new FormatException($"parsing the output of `{what}`: a route without a destination: {element.GetRawText()}");
            var gatewayText = IpJson.GetString(element, "gateway");
            IPAddress? gateway = null;
            if (gatewayText is not null && !IPAddress.TryParse(gatewayText, out gateway))
            {
                throw new FormatException($"parsing the output of `{what}`: gateway \"{gatewayText}\" is not an address");
            }

            routes.Add(new IpRoute(
                family,
                IpJson.GetString(element, "type") ?? IpRoute.Unicast,
                destination,
                gateway,
                IpJson.GetString(element, "dev"),
                IpJson.GetInt64(element, "metric") ?? 0,
                IpJson.GetString(element, "protocol"),
                IpJson.GetString(element, "scope"),
                IpJson.GetString(element, "prefsrc"),
                IpJson.GetString(element, "table"),
                [.. IpJson.GetStrings(element, "flags")]));
        }

        return routes.ToImmutable();
    }

    /// <summary>
    /// True when `ip route show table N` failed only because table N has never held a route: it exits 2,
    /// prints a truncated "[" and says so on stderr. That is an empty table, not an error.
    /// </summary>
    public static bool IsMissingTable(int exitCode, string standardError) =>
        exitCode != 0 && standardError.Contains(MissingTableMessage, StringComparison.Ordinal);
}
