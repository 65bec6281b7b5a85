using System.Collections.Immutable;
using System.Net.Sockets;
using Causeway.Core.Netlink;
using Causeway.Core.Nft;
using Causeway.Core.Planning;

namespace Causeway.Core.Tests.Planning;

/// <summary>
/// The captured host (Fixtures/ip/capture.sh) as the observer would see it: Causeway's reference state,
/// converged, next to foreign rules, routes and tables.
/// </summary>
internal static class CapturedHost
{
    public static ObservedHost Converged(string nftJson = "table-causeway.json")
    {
        var rules = IpRuleParser.Parse(FixtureFiles.Ip("rule-v4-numeric.json"), AddressFamily.InterNetwork)
            .AddRange(IpRuleParser.Parse(FixtureFiles.Ip("rule-v6.json"), AddressFamily.InterNetworkV6));
        var routes = IpRouteParser.Parse(FixtureFiles.Ip("route-v4-table7270.json"), AddressFamily.InterNetwork)
            .AddRange(IpRouteParser.Parse(FixtureFiles.Ip("route-v6-table7270.json"), AddressFamily.InterNetworkV6));
        var table = NftJsonParser.ParseTable(FixtureFiles.Nft(nftJson), "inet", "causeway")!
            .WithComment(NftTextParser.ParseTableComment(FixtureFiles.Nft("table-causeway.txt")));
        var links = IpLinkParser.Parse(FixtureFiles.Ip("link.json")).Select(l => l.Name).ToImmutableHashSet();
        var sysctls = ImmutableDictionary<string, string>.Empty
            .Add(SysctlNames.IpForward, "1")
            .Add(SysctlNames.RpFilter("tuncw0"), "2")
            .Add(SysctlNames.RpFilter("all"), "0");
        return new ObservedHost(rules, routes, table, sysctls, links);
    }

    public static DesiredState Desired(Causeway.Core.Model.TunnelFacts? tunnel = null) =>
        Planner.Plan(UnoExample.Settings(), UnoExample.OverlayFacts, tunnel ?? UnoExample.Connected);
}
