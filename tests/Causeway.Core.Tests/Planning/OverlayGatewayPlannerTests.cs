using System.Net;
using System.Net.Sockets;
using Causeway.Core.Model;
using Causeway.Core.Planning;
using Xunit;

namespace Causeway.Core.Tests.Planning;

/// <summary>Dinosaur's VM: the access clients' internet traffic goes to a gateway on the overlay, not into a tunnel.</summary>
public sealed class OverlayGatewayPlannerTests
{
    private static readonly IPAddress Sbc = IPAddress.Parse("10.222.0.5");

    private static CausewaySettings Vm() => DuoExample.Settings() with
    {
        Egress = UnoExample.Settings().Egress with { ProfilePath = null, FallbackDns = null, OverlayGateway = Sbc },
    };

    private static OverlayFacts Overlay(int? mtu = 1350) => UnoExample.OverlayFacts with { Mtu = mtu };

    /// <summary>What the gateway's watch reports: it answers, or not; never a tunnel address or pushed DNS.</summary>
    private static TunnelFacts Gateway(bool answers) => new(answers, null, []);

    private static DesiredState Plan(bool answers = true, int? mtu = 1350) => Planner.Plan(Vm(), Overlay(mtu), Gateway(answers));

    private static Dictionary<string, string> Rules(DesiredState state) =>
        state.Nft.Definition.AllRules.ToDictionary(r => r.Comment, r => r.Statement);

    [Fact]
    public void While_the_gateway_answers_the_default_of_our_table_is_via_it_on_the_overlay_above_the_unreachable_one()
    {
        var routes = Plan().Routes.Where(r => r.Family == AddressFamily.InterNetwork && r.Destination.PrefixLength == 0).ToList();

        Assert.Collection(
            routes,
            unreachable => Assert.Equal(Planner.UnreachableMetric, unreachable.Metric),
            viaGateway =>
            {
                Assert.Equal(UnoExample.Overlay, viaGateway.Device);
                Assert.Equal(Sbc, viaGateway.Gateway);
                Assert.Equal(Planner.EgressMetric, viaGateway.Metric);
            });
    }

    [Fact]
    public void While_it_does_not_answer_only_the_unreachable_default_is_left()
    {
        var routes = Plan(answers: false).Routes.Where(r => r.Destination.PrefixLength == 0).ToList();

        Assert.All(routes, r => Assert.Equal(Planner.UnreachableMetric, r.Metric));
        Assert.Equal(2, routes.Count);
    }

    [Fact]
    public void Only_the_access_pool_is_masqueraded_to_this_hosts_overlay_address_and_overlay_members_keep_theirs()
    {
        var rules = Rules(Plan());

        Assert.Equal(
            "oifname \"zt2nvuuqiv\" ip saddr { 10.9.0.0/25, 10.9.0.128/25 } masquerade",
            rules["masquerade-client-to-egress"]);
    }

    [Fact]
    public void Access_clients_may_leave_only_by_the_overlay_and_everything_else_they_send_is_the_leak_counter()
    {
        var rules = Rules(Plan());

        Assert.Equal(
            $"iifname {{ \"zt2nvuuqiv\", \"{DuoExample.Udp}\", \"{DuoExample.Tcp}\" }} oifname \"zt2nvuuqiv\" accept",
            rules["accept-client-to-egress"]);
        Assert.Equal($"iifname {{ \"zt2nvuuqiv\", \"{DuoExample.Udp}\", \"{DuoExample.Tcp}\" }} counter drop", rules[Planner.LeakRuleComment]);
        Assert.Contains("oifname { \"lo\", \"zt2nvuuqiv\", ", rules["accept-inside"], StringComparison.Ordinal);
    }

    [Fact]
    public void Clients_dns_goes_to_the_gateway_which_sends_it_on_to_its_providers_resolver()
    {
        var rules = Rules(Plan());

        Assert.EndsWith("udp dport 53 dnat ip to 10.222.0.5", rules["dnat-dns-udp"], StringComparison.Ordinal);
        Assert.EndsWith("tcp dport 53 dnat ip to 10.222.0.5", rules["dnat-dns-tcp"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_fallback_dns_is_used_instead_of_the_gateway_when_given()
    {
        var settings = Vm() with { Egress = Vm().Egress with { FallbackDns = IPAddress.Parse("9.9.9.9") } };

        var rules = Rules(Planner.Plan(settings, Overlay(), Gateway(true)));

        Assert.EndsWith("dnat ip to 9.9.9.9", rules["dnat-dns-udp"], StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_arriving_on_the_overlay_for_this_host_is_dropped_as_it_would_be_from_a_provider_tunnel()
    {
        Assert.Empty(Plan().Nft.Definition.Chains.Single(c => c.Name == Planner.HostInputChain).Rules);
    }

    [Fact]
    public void Syns_are_clamped_to_the_narrowest_hop_the_overlay_of_1350()
    {
        var rules = Rules(Plan(mtu: 1350));

        Assert.EndsWith("tcp flags syn tcp option maxseg size > 1310 tcp option maxseg size set 1310", rules["clamp-mss-client-to-egress"], StringComparison.Ordinal);
        Assert.EndsWith("tcp flags syn tcp option maxseg size > 1310 tcp option maxseg size set 1310", rules["clamp-mss-egress-to-client"], StringComparison.Ordinal);
    }

    [Fact]
    public void With_zerotiers_2800_the_access_servers_tunnels_are_the_narrowest()
    {
        var rules = Rules(Plan(mtu: 2800));

        Assert.EndsWith("set 1460", rules["clamp-mss-client-to-egress"], StringComparison.Ordinal);
        Assert.EndsWith("set 1360", rules["clamp-mss-access-stream-in"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_overlay_device_gets_loose_reverse_path_filtering_as_an_egress_does()
    {
        Assert.Contains(Plan().Sysctls, s => s.Name == SysctlNames.RpFilter(UnoExample.Overlay) && s.Value == Planner.LooseReversePathFilter);
    }

    [Fact]
    public void Planning_twice_gives_the_same_table()
    {
        Assert.Equal(Plan().Nft.Text, Plan().Nft.Text);
    }
}
