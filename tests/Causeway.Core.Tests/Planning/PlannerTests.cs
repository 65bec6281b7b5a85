using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Causeway.Core.Model;
using Causeway.Core.Netlink;
using Causeway.Core.Nft;
using Causeway.Core.Planning;
using Xunit;

namespace Causeway.Core.Tests.Planning;

public sealed class PlannerTests
{
    private static DesiredState Reference(TunnelFacts? tunnel = null) =>
        Planner.Plan(UnoExample.Settings(), UnoExample.OverlayFacts, tunnel ?? UnoExample.Connected);

    private static string[] Comments(DesiredState state) => [.. state.Nft.Definition.AllRules.Select(r => r.Comment)];

    [Fact]
    public void Renders_the_reference_table_byte_for_byte()
    {
        var desired = Reference();

        Assert.Equal(FixtureFiles.Nft("causeway.nft"), desired.Nft.Text);
    }

    [Fact]
    public void Every_rule_is_present_and_named()
    {
        var desired = Reference();

        Assert.Equal(
            [
                "drop-client-ipv6", "clamp-mss-client-to-egress", "clamp-mss-egress-to-client", "accept-client-to-egress",
                "accept-client-to-client", "accept-client-to-lan", "accept-egress-replies", "drop-egress-unsolicited",
                "drop-client-other", "dnat-dns-udp", "dnat-dns-tcp", "masquerade-client-to-egress", "masquerade-client-to-lan",
                "accept-egress-to-host-replies", "drop-egress-to-host", "accept-inside", "accept-to-lan", "drop-client-source-outside",
                "drop-client-source-outside-ipv6", "drop-client-flow-outside", "drop-client-flow-outside-ipv6",
            ],
            Comments(desired));
        Assert.Equal(Comments(desired).Length, Comments(desired).Distinct().Count());
        Assert.Equal("causeway instance=causeway fingerprint=" + desired.Nft.Fingerprint, desired.Nft.Comment);
        Assert.Matches("^[0-9a-f]{16}$", desired.Nft.Fingerprint);
    }

    [Fact]
    public void Policy_rules_send_the_overlay_to_our_table_except_overlay_and_lan_destinations_in_both_families()
    {
        var rules = Reference().Rules;

        Assert.Equal(
            [
                "IPv4 prio 7270 from all to 10.222.0.0/24 iif zt2nvuuqiv lookup main",
                "IPv4 prio 7270 from all to 192.168.1.0/24 iif zt2nvuuqiv lookup main",
                "IPv4 prio 7271 from all iif zt2nvuuqiv lookup 7270",
                "IPv4 prio 7270 from 10.8.0.6 to 10.222.0.0/24 lookup main",
                "IPv4 prio 7270 from 10.8.0.6 to 192.168.1.0/24 lookup main",
                "IPv4 prio 7271 from 10.8.0.6 lookup 7270",
                "IPv4 prio 7270 from 10.222.0.1 to 10.222.0.0/24 lookup main",
                "IPv4 prio 7270 from 10.222.0.1 to 192.168.1.0/24 lookup main",
                "IPv4 prio 7271 from 10.222.0.1 lookup 7270",
                "IPv6 prio 7270 from all to fdcc:ca5e::/64 iif zt2nvuuqiv lookup main",
                "IPv6 prio 7271 from all iif zt2nvuuqiv lookup 7270",
                "IPv6 prio 7270 from fdcc:ca5e::1 to fdcc:ca5e::/64 lookup main",
                "IPv6 prio 7271 from fdcc:ca5e::1 lookup 7270",
            ],
            rules.Select(r => r.ToString()));
    }

    [Fact]
    public void The_unreachable_defaults_are_always_there_and_the_tunnel_default_only_while_connected()
    {
        var up = Reference(UnoExample.Connected).Routes;
        var down = Reference(UnoExample.Disconnected).Routes;

        Assert.Equal(
            ["unreachable default metric 4294967295", "unreachable default metric 4294967295", "default dev tuncw0 metric 100"],
            up.Select(r => r.ToString()));
        Assert.Equal([AddressFamily.InterNetwork, AddressFamily.InterNetworkV6], up.Take(2).Select(r => r.Family));
        Assert.Equal("tuncw0", up[2].RequiresDevice);
        Assert.Equal(up.Take(2), down);
    }

    [Fact]
    public void Nothing_sourced_from_a_tunnel_or_client_address_or_of_a_client_flow_leaves_outside_after_source_nat()
    {
        var desired = Reference();

        var guard = Assert.Single(desired.Nft.Definition.Chains, c => c.Name == Planner.UplinkGuardChain);
        Assert.Equal(("filter", "postrouting", 110, "accept"), (guard.Type, guard.Hook, guard.Priority.Value, guard.Policy));
        Assert.True(guard.Priority.Value > NftPriority.SourceNat.Value, "the guard must see packets after source NAT rewrote them");
        var rules = guard.Rules.ToDictionary(r => r.Comment, r => r.Statement);
        Assert.Equal("oifname { \"lo\", \"tuncw0\", \"zt2nvuuqiv\" } accept", rules["accept-inside"]);
        Assert.Equal("ip daddr 192.168.1.0/24 accept", rules["accept-to-lan"]);
        Assert.Equal("ip saddr { 10.222.0.0/24, 10.8.0.6 } counter drop", rules["drop-client-source-outside"]);
        Assert.Equal("ip6 saddr fdcc:ca5e::/64 counter drop", rules["drop-client-source-outside-ipv6"]);
        Assert.Equal("ct original ip saddr 10.222.0.0/24 counter drop", rules["drop-client-flow-outside"]);
        Assert.Equal("ct original ip6 saddr fdcc:ca5e::/64 counter drop", rules["drop-client-flow-outside-ipv6"]);
        Assert.Equal(guard.Rules.Select(r => r.Comment).Where(c => c.StartsWith("drop-", StringComparison.Ordinal)), Planner.GuardRuleComments.Skip(1));
    }

    [Fact]
    public void What_arrives_on_the_tunnel_for_the_host_itself_is_taken_only_as_part_of_a_flow_it_started()
    {
        var input = Assert.Single(Reference().Nft.Definition.Chains, c => c.Name == Planner.HostInputChain);

        Assert.Equal(("filter", "input", "accept"), (input.Type, input.Hook, input.Policy));
        Assert.Equal(
            ["iifname \"tuncw0\" ct state established,related accept", "iifname \"tuncw0\" counter drop"],
            input.Rules.Select(r => r.Statement));
        Assert.Equal(Planner.GuardRuleComments[0], input.Rules[^1].Comment);
    }

    [Fact]
    public void Before_the_first_connection_the_guard_holds_by_the_client_subnets_and_a_new_tunnel_address_replaces_the_table()
    {
        var never = Reference(TunnelFacts.Down);
        var other = Reference(UnoExample.Connected with { LocalAddress = IPAddress.Parse("10.8.0.10") });

        Assert.Contains("ip saddr 10.222.0.0/24 counter drop comment", never.Nft.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(never.Rules, r => r.Source is { } s && s.BaseAddress.ToString().StartsWith("10.8.", StringComparison.Ordinal));
        Assert.Contains("ip saddr { 10.222.0.0/24, 10.8.0.10 } counter drop", other.Nft.Text, StringComparison.Ordinal);
        Assert.NotEqual(Reference().Nft.Fingerprint, other.Nft.Fingerprint);
        Assert.Contains(other.Rules, r => r.ToString() == "IPv4 prio 7271 from 10.8.0.10 lookup 7270");
    }

    [Fact]
    public void The_nft_table_does_not_depend_on_the_tunnel_state()
    {
        Assert.Equal(Reference(UnoExample.Connected).Nft.Text, Reference(UnoExample.Disconnected).Nft.Text);
    }

    [Fact]
    public void Ipv6_from_clients_is_dropped_first_and_ipv6_forwarding_is_never_enabled()
    {
        var desired = Reference();

        var first = desired.Nft.Definition.Chains[0].Rules[0];
        Assert.Equal("iifname \"zt2nvuuqiv\" meta nfproto ipv6 counter drop", first.Statement);
        Assert.DoesNotContain(desired.Sysctls, s => s.Name.StartsWith("net.ipv6", StringComparison.Ordinal));
        Assert.Contains(desired.Routes, r => r.Family == AddressFamily.InterNetworkV6 && r.Type == IpRoute.Unreachable);
        Assert.DoesNotContain(desired.Routes, r => r.Family == AddressFamily.InterNetworkV6 && r.Type == IpRoute.Unicast);
    }

    [Fact]
    public void Sysctls_enable_ipv4_forwarding_last_and_loose_rp_filter_on_the_egress_while_it_exists()
    {
        var sysctls = Reference().Sysctls;

        Assert.Equal(
            [new DesiredSysctl("net.ipv4.conf.tuncw0.rp_filter", "2", "tuncw0"), new DesiredSysctl("net.ipv4.ip_forward", "1")],
            sysctls);
    }

    [Fact]
    public void Dns_goes_to_the_first_pushed_ipv4_resolver()
    {
        var tunnel = UnoExample.Connected with { PushedDns = [IPAddress.Parse("2001:db8::53"), IPAddress.Parse("10.8.0.2"), IPAddress.Parse("10.8.0.3")] };

        var dns = Reference(tunnel).Nft.Definition.Chains.Single(c => c.Name == Planner.DnsChain);

        Assert.Equal(
            [
                "iifname \"zt2nvuuqiv\" ip daddr 10.222.0.1 udp dport 53 dnat ip to 10.8.0.2",
                "iifname \"zt2nvuuqiv\" ip daddr 10.222.0.1 tcp dport 53 dnat ip to 10.8.0.2",
            ],
            dns.Rules.Select(r => r.Statement));
    }

    [Fact]
    public void Dns_falls_back_when_nothing_was_pushed()
    {
        var desired = Reference(UnoExample.Connected with { PushedDns = [] });

        Assert.Contains(desired.Nft.Definition.AllRules, r => r.Comment == "dnat-dns-udp" && r.Statement.EndsWith("dnat ip to 9.9.9.9", StringComparison.Ordinal));
    }

    [Fact]
    public void No_dns_rule_without_a_resolver()
    {
        var settings = UnoExample.Settings() with { Egress = UnoExample.Settings().Egress with { FallbackDns = null } };

        var desired = Planner.Plan(settings, UnoExample.OverlayFacts, UnoExample.Connected with { PushedDns = [] });

        Assert.Empty(desired.Nft.Definition.Chains.Single(c => c.Name == Planner.DnsChain).Rules);
        Assert.DoesNotContain(desired.Nft.Text, "dnat", StringComparison.Ordinal);
    }

    [Fact]
    public void No_dns_rule_without_an_ipv4_address_of_our_own_on_the_overlay()
    {
        var overlay = UnoExample.OverlayFacts with { LocalAddresses = [IPAddress.Parse("fdcc:ca5e::1")] };

        var desired = Planner.Plan(UnoExample.Settings(), overlay, UnoExample.Connected);

        Assert.DoesNotContain(desired.Nft.Text, "dnat", StringComparison.Ordinal);
    }

    [Fact]
    public void Without_lans_there_is_no_lan_exception_accept_or_masquerade()
    {
        var desired = Planner.Plan(UnoExample.Settings(lans: []), UnoExample.OverlayFacts, UnoExample.Connected);

        Assert.DoesNotContain("accept-client-to-lan", Comments(desired));
        Assert.DoesNotContain("masquerade-client-to-lan", Comments(desired));
        Assert.DoesNotContain(desired.Rules, r => r.Destination == IPNetwork.Parse("192.168.1.0/24"));
        Assert.Contains("masquerade-client-to-egress", Comments(desired));
    }

    [Fact]
    public void Lans_are_reachable_but_masqueraded_only_when_asked()
    {
        var desired = Planner.Plan(UnoExample.Settings(masqueradeLans: false), UnoExample.OverlayFacts, UnoExample.Connected);

        Assert.Contains("accept-client-to-lan", Comments(desired));
        Assert.DoesNotContain("masquerade-client-to-lan", Comments(desired));
    }

    [Fact]
    public void Several_lans_become_a_set_and_ipv6_lans_only_a_routing_exception()
    {
        ImmutableArray<IPNetwork> lans = [IPNetwork.Parse("192.168.1.0/24"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("fd00:1::/64")];

        var desired = Planner.Plan(UnoExample.Settings(lans: lans), UnoExample.OverlayFacts, UnoExample.Connected);

        var accept = desired.Nft.Definition.AllRules.Single(r => r.Comment == "accept-client-to-lan");
        Assert.Equal("iifname \"zt2nvuuqiv\" ip daddr { 192.168.1.0/24, 172.16.0.0/12 } accept", accept.Statement);
        var masquerade = desired.Nft.Definition.AllRules.Single(r => r.Comment == "masquerade-client-to-lan");
        Assert.Equal("ip saddr 10.222.0.0/24 ip daddr { 192.168.1.0/24, 172.16.0.0/12 } masquerade", masquerade.Statement);
        Assert.Contains(desired.Rules, r => r.Family == AddressFamily.InterNetworkV6 && r.Destination == IPNetwork.Parse("fd00:1::/64"));
        Assert.DoesNotContain("fd00:1::", desired.Nft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fingerprint_follows_the_ruleset()
    {
        var reference = Reference();
        var otherLan = Planner.Plan(UnoExample.Settings(lans: [IPNetwork.Parse("192.168.2.0/24")]), UnoExample.OverlayFacts, UnoExample.Connected);

        Assert.NotEqual(reference.Nft.Fingerprint, otherLan.Nft.Fingerprint);
        Assert.Equal(reference.Nft.Fingerprint, Reference().Nft.Fingerprint);
    }

    [Fact]
    public void Every_owned_name_comes_from_the_instance_settings()
    {
        var instance = new InstanceSettings("lab", "/var/lib/cw-lab", "/run/cw-lab", "cw_lab", 100, 200, TimeSpan.FromSeconds(2));

        var desired = Planner.Plan(UnoExample.Settings(instance: instance), UnoExample.OverlayFacts, UnoExample.Connected);

        Assert.Equal(new OwnedNames("lab", "cw_lab", 100, 200), desired.Owned);
        Assert.StartsWith("table inet cw_lab {\n\tcomment \"causeway instance=lab fingerprint=", desired.Nft.Text, StringComparison.Ordinal);
        Assert.Equal([200, 200, 201, 200, 200, 201, 200, 200, 201, 200, 201, 200, 201], desired.Rules.Select(r => r.Priority));
        Assert.All(desired.Rules.Where(r => r.Priority == 201), r => Assert.Equal(100, r.Table));
    }

    [Fact]
    public void Several_client_interfaces_share_every_rule_through_sets()
    {
        var owned = new OwnedNames("duo", "causeway", 7270, 7270);
        var inputs = new PlanningInputs(
            owned,
            [
                new ClientInterface("zt0", [IPNetwork.Parse("10.222.0.0/24")], [IPAddress.Parse("10.222.0.1")]),
                new ClientInterface("tunacc0", [IPNetwork.Parse("10.9.0.0/24")], [IPAddress.Parse("10.9.0.1")]),
            ],
            new Egress("tuncw0", Usable: true),
            [],
            MasqueradeLans: false,
            IPAddress.Parse("10.8.0.1"));

        var desired = Planner.Plan(inputs);

        var rules = desired.Nft.Definition.AllRules.ToDictionary(r => r.Comment, r => r.Statement);
        Assert.Equal("iifname { \"zt0\", \"tunacc0\" } oifname { \"zt0\", \"tunacc0\" } accept", rules["accept-client-to-client"]);
        Assert.Equal("oifname \"tuncw0\" ip saddr { 10.222.0.0/24, 10.9.0.0/24 } masquerade", rules["masquerade-client-to-egress"]);
        Assert.Equal("iifname { \"zt0\", \"tunacc0\" } ip daddr { 10.222.0.1, 10.9.0.1 } udp dport 53 dnat ip to 10.8.0.1", rules["dnat-dns-udp"]);

        // Each client reaches every client subnet directly; so does what the host sends from its client addresses.
        Assert.Equal(4, desired.Rules.Count(r => r.Priority == 7270 && r.InputInterface is not null));
        Assert.Equal(["zt0", "tunacc0", "zt0", "tunacc0"], desired.Rules.Where(r => r.Priority == 7271 && r.Source is null).Select(r => r.InputInterface));
        Assert.Equal(["10.222.0.1", "10.9.0.1"], desired.Rules.Where(r => r.Priority == 7271 && r.Source is not null).Select(r => NetworkMath.Format(r.Source!.Value)));
    }

    [Fact]
    public void A_gateway_egress_routes_via_the_gateway()
    {
        var inputs = new PlanningInputs(
            new OwnedNames("dino", "causeway", 7270, 7270),
            [new ClientInterface("tunacc0", [IPNetwork.Parse("10.9.0.0/24")], [])],
            new Egress("zt0", Usable: true, IPAddress.Parse("10.222.0.1")),
            [],
            MasqueradeLans: false,
            Dns: null);

        var route = Planner.Plan(inputs).Routes.Single(r => r.Type == IpRoute.Unicast);

        Assert.Equal("default via 10.222.0.1 dev zt0 metric 100", route.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("quo\"te")]
    [InlineData("waytoolonginterface")]
    public void Refuses_interface_names_that_cannot_be_written_safely(string name)
    {
        var overlay = UnoExample.OverlayFacts with { InterfaceName = name };

        var error = Assert.Throws<ArgumentException>(() => Planner.Plan(UnoExample.Settings(), overlay, UnoExample.Connected));

        Assert.Contains("interface name", error.Message, StringComparison.Ordinal);
    }
}
