using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Causeway.Core.ZeroTier;

/// <summary>
/// Whether overlay members are told to send their internet traffic to this gateway: a managed route 0.0.0.0/0
/// via one of the gateway's own overlay addresses. ZeroTier has no other way to make clients use an exit node,
/// and each client must also opt in (allowDefault). <see cref="Lines"/> is the status text that says what to set.
/// </summary>
/// <param name="NetworkId">The network.</param>
/// <param name="IsRoutedViaThisGateway">A managed 0.0.0.0/0 route points at one of this gateway's addresses.</param>
/// <param name="Gateway">The address the default route uses, or the one it should use (null if the gateway has no IPv4 address).</param>
/// <param name="OtherGateway">The via of a default route that points elsewhere, if any.</param>
/// <param name="Lines">Human-readable lines for `causeway status`.</param>
public sealed record DefaultRouteAdvice(
    string NetworkId,
    bool IsRoutedViaThisGateway,
    IPAddress? Gateway,
    IPAddress? OtherGateway,
    ImmutableArray<string> Lines)
{
    public string Text => string.Join('\n', Lines);

    /// <param name="network">The network as this gateway's zerotier-one shows it (its routes are the controller's).</param>
    /// <param name="gatewayAddresses">This gateway's addresses on the network.</param>
    public static DefaultRouteAdvice Evaluate(ZeroTierNetwork network, IEnumerable<IPAddress> gatewayAddresses)
    {
        var id = network.Id;
        var own = gatewayAddresses.ToImmutableArray();
        IPAddress? matching = null;
        IPAddress? other = null;
        foreach (var route in network.Routes.OrEmpty())
        {
            if (!IsIpv4Default(route.Target) || route.Via is null || !IPAddress.TryParse(route.Via, out var via))
            {
                continue;
            }

            if (own.Contains(via))
            {
                matching ??= via;
            }
            else
            {
                other ??= via;
            }
        }

        var lines = ImmutableArray.CreateBuilder<string>();
        if (matching is not null)
        {
            lines.Add($"ZeroTier network {id} routes 0.0.0.0/0 via this gateway ({matching}).");
            AddClientLines(lines, id);
            if (other is not null)
            {
                lines.Add($"Warning: the network also has a default route via {other}; clients may pick that one. Remove it on the controller.");
            }

            return new DefaultRouteAdvice(id, true, matching, other, lines.ToImmutable());
        }

        var suggested = own.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
        if (suggested is null)
        {
            lines.Add($"ZeroTier network {id} has no managed default route via this gateway, and this gateway has no IPv4 address on it yet: assign it one on the controller first.");
            return new DefaultRouteAdvice(id, false, null, other, lines.ToImmutable());
        }

        lines.Add(other is null
            ? $"ZeroTier network {id} has no managed default route via this gateway ({suggested}): overlay members will not send their internet traffic here."
            : $"ZeroTier network {id} routes 0.0.0.0/0 via {other}, not via this gateway ({suggested}): overlay members send their internet traffic there.");
        var entry = $"{{\"target\":\"0.0.0.0/0\",\"via\":\"{suggested}\"}}";
        var routes = RoutesWithDefaultVia(network, suggested);
        lines.Add($"On the controller, add the managed route {entry} to the network's routes (a POST replaces the whole list, so send all of it):");
        lines.Add($"  ZeroTier Central: in the web UI under Managed Routes add destination 0.0.0.0/0 via {suggested}, or POST https://api.zerotier.com/api/v1/network/{id} with header \"Authorization: token <API token>\" and body {{\"config\":{{\"routes\":{routes}}}}}");
        lines.Add($"  self-hosted controller (on the controller's host): curl -X POST -H \"X-ZT1-Auth: $(cat /var/lib/zerotier-one/authtoken.secret)\" -d '{{\"routes\":{routes}}}' http://127.0.0.1:9993/controller/network/{id}");
        AddClientLines(lines, id);
        if (network.AllowDefault && other is not null)
        {
            lines.Add($"Warning: allowDefault is on for {id} on this gateway, so its own traffic follows the default route via {other}: zerotier-cli set {id} allowDefault=0");
        }

        return new DefaultRouteAdvice(id, false, suggested, other, lines.ToImmutable());
    }

    private static void AddClientLines(ImmutableArray<string>.Builder lines, string id)
    {
        lines.Add($"On each client: zerotier-cli set {id} allowDefault=1 (ZeroTier ignores a default route unless the client allows it).");
        lines.Add("Linux clients may also need: sysctl -w net.ipv4.conf.all.rp_filter=2 (loose reverse-path filtering).");
    }

    /// <summary>The network's current routes with every IPv4 default replaced by one via <paramref name="gateway"/>.</summary>
    private static string RoutesWithDefaultVia(ZeroTierNetwork network, IPAddress gateway)
    {
        var routes = network.Routes.OrEmpty()
            .Where(r => !IsIpv4Default(r.Target))
            .Select(r => new ZeroTierControllerRoute(r.Target, r.Via))
            .Append(new ZeroTierControllerRoute("0.0.0.0/0", gateway.ToString()))
            .ToImmutableArray();
        return JsonSerializer.Serialize(routes, ZeroTierJsonContext.Default.ImmutableArrayZeroTierControllerRoute);
    }

    private static bool IsIpv4Default(string target) =>
        ZeroTierAddressText.TryParseNetwork(target, out var network)
        && network.PrefixLength == 0
        && network.BaseAddress.AddressFamily == AddressFamily.InterNetwork;
}
