using System.Collections.Immutable;
using System.Net;

namespace Causeway.Core.ZeroTier;

/// <summary>
/// What `causeway status` says about the ZeroTier network on a host whose egress is a gateway on it (Dinosaur's VM),
/// in place of <see cref="DefaultRouteAdvice"/>, which tells a gateway how to become the network's default route:
/// advice this host must not follow.
/// </summary>
public static class OverlayGatewayAdvice
{
    /// <param name="networkId">The network.</param>
    /// <param name="gateway">egress.overlay_gateway.</param>
    /// <param name="summary">The network as zerotier-one shows it to this host.</param>
    public static ImmutableArray<string> Lines(string networkId, IPAddress gateway, ZeroTierNetworkSummary summary)
    {
        var lines = ImmutableArray.CreateBuilder<string>();
        lines.Add($"This host runs no provider tunnel: its access clients' internet traffic goes to the gateway {gateway} over ZeroTier network {networkId}.");
        if (summary.DefaultRoute.IsRoutedViaThisGateway)
        {
            lines.Add($"Warning: the network routes 0.0.0.0/0 via this host ({summary.DefaultRoute.Gateway}): overlay members would send their internet traffic here, where it is not forwarded. On the controller, route it via {gateway} instead.");
        }

        if (summary.AllowDefault)
        {
            lines.Add($"Warning: allowDefault is on for {networkId} on this host: ZeroTier moves this host's own default route onto the overlay. Causeway does not need it: zerotier-cli set {networkId} allowDefault=0");
        }

        return lines.ToImmutable();
    }
}
