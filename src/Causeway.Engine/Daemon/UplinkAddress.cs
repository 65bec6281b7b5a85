using System.Net;
using System.Net.Sockets;
using Causeway.Core.Netlink;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Daemon;

/// <summary>
/// This host's address on its uplink: the device of the main table's default route (the lowest metric), and its
/// preferred source or else the device's first global address. Read with `ip -json` only: no packet is sent.
/// IPv4 first (what phones mostly reach), IPv6 if there is no IPv4 default route.
/// </summary>
public sealed class UplinkAddress(ICommandRunner commands)
{
    /// <summary>The address, or null when the host has no default route (or its device no usable address).</summary>
    /// <exception cref="CommandFailedException">`ip` failed.</exception>
    /// <exception cref="FormatException">`ip` printed something that is not its JSON.</exception>
    public async Task<IPAddress?> FindAsync(CancellationToken cancellationToken = default)
    {
        foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
        {
            if (await FindAsync(family, cancellationToken) is { } address)
            {
                return address;
            }
        }

        return null;
    }

    private async Task<IPAddress?> FindAsync(AddressFamily family, CancellationToken cancellationToken)
    {
        var flag = family == AddressFamily.InterNetworkV6 ? "-6" : "-4";
        var routeSpec = CommandSpec.Of("ip", flag, "-json", "route", "show", "default");
        var routes = (await commands.RunAsync(routeSpec, cancellationToken)).EnsureSuccess("finding the uplink's default route", routeSpec);
        var route = IpRouteParser.Parse(Json(routes.StandardOutput), family)
            .Where(r => r.IsDefault && r.Type == IpRoute.Unicast && r.Device is not null)
            .OrderBy(r => r.Metric)
            .FirstOrDefault();
        if (route is null)
        {
            return null;
        }

        if (route.PreferredSource is { } source && IPAddress.TryParse(source, out var preferred))
        {
            return preferred;
        }

        var addressSpec = CommandSpec.Of("ip", flag, "-json", "address", "show", "dev", route.Device!);
        var addresses = (await commands.RunAsync(addressSpec, cancellationToken)).EnsureSuccess($"reading the addresses of the uplink {route.Device}", addressSpec);
        return IpAddressParser.Parse(Json(addresses.StandardOutput))
            .SelectMany(i => i.Addresses)
            .Where(a => a.Address.AddressFamily == family && a.Scope is null or "global")
            .Select(a => a.Address)
            .FirstOrDefault();
    }

    /// <summary>`ip -json` prints nothing at all (not "[]") for an empty list on some versions.</summary>
    private static string Json(string output) => string.IsNullOrWhiteSpace(output) ? "[]" : output;
}
