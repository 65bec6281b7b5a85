using System.Net;
using System.Net.Sockets;
using Causeway.Core.Netlink;
using Causeway.Core.Planning;
using Xunit;

namespace Causeway.Core.Tests.Planning;

/// <summary>
/// Duo: the access servers' tun devices are client interfaces. Their traffic is routed by `iif` into Causeway's
/// table and dropped unless a rule accepts it (the same two layers as the overlay), it reaches the egress and the
/// overlay only as [access] allows, and nothing changes for Uno without [access].
/// </summary>
public sealed class AccessPlannerTests
{
    private static string[] Comments(DesiredState state) => [.. state.Nft.Definition.AllRules.Select(r => r.Comment)];

    private static Dictionary<string, string> Rules(DesiredState state) =>
        state.Nft.Definition.AllRules.ToDictionary(r => r.Comment, r => r.Statement);

    [Fact]
    public void Renders_the_reference_duo_table_byte_for_byte()
    {
        var desired = DuoExample.Plan();

        Assert.Equal(FixtureFiles.Nft("causeway-duo.nft"), desired.Nft.Text);
    }

    [Fact]
    public void Every_rule_is_present_named_once_and_in_order()
    {
        var desired = DuoExample.Plan();

        Assert.Equal(
            [
                "drop-client-ipv6", "clamp-mss-client-to-egress", "clamp-mss-egress-to-client", "clamp-mss-access-stream-in",
                "clamp-mss-access-stream-out", "accept-client-to-egress", "accept-client-to-client", "accept-client-to-access",
                "accept-access-to-client", "accept-client-to-lan", "accept-egress-replies", "drop-egress-unsolicited", "drop-client-other",
                "dnat-dns-udp", "dnat-dns-tcp", "masquerade-client-to-egress", "masquerade-client-to-lan", "masquerade-access-to-client",
                "accept-egress-to-host-replies", "drop-egress-to-host", "accept-inside", "accept-to-lan", "drop-client-source-outside",
                "drop-client-source-outside-ipv6", "drop-client-flow-outside", "drop-client-flow-outside-ipv6",
            ],
            Comments(desired));
        Assert.Equal(Comments(desired).Length, Comments(desired).Distinct().Count());
    }

    [Fact]
    public void Access_devices_share_the_rules_that_keep_client_traffic_closed()
    {
        var rules = Rules(DuoExample.Plan());

        const string all = "{ \"zt2nvuuqiv\", \"tuncw-udp\", \"tuncw-tcp\" }";
        Assert.Equal($"iifname {all} meta nfproto ipv6 counter drop", rules["drop-client-ipv6"]);
        Assert.Equal($"iifname {all} oifname \"tuncw0\" accept", rules["accept-client-to-egress"]);
        Assert.Equal($"iifname \"tuncw0\" oifname {all} ct state established,related accept", rules["accept-egress-replies"]);
        Assert.Equal($"iifname \"tuncw0\" oifname {all} counter drop", rules["drop-egress-unsolicited"]);
        Assert.Equal($"iifname {all} counter drop", rules[Planner.LeakRuleComment]);
        Assert.Equal("oifname \"tuncw0\" ip saddr { 10.222.0.0/24, 10.9.0.0/25, 10.9.0.128/25 } masquerade", rules["masquerade-client-to-egress"]);
    }

    [Fact]
    public void The_overlay_keeps_its_own_rules_and_reaches_the_access_clients_both_ways()
    {
        var rules = Rules(DuoExample.Plan());

        Assert.Equal("iifname \"zt2nvuuqiv\" oifname \"zt2nvuuqiv\" accept", rules["accept-client-to-client"]);
        Assert.Equal("iifname \"zt2nvuuqiv\" ip daddr 192.168.1.0/24 accept", rules["accept-client-to-lan"]);
        Assert.Equal("ip saddr 10.222.0.0/24 ip daddr 192.168.1.0/24 masquerade", rules["masquerade-client-to-lan"]);
        Assert.Equal("iifname \"zt2nvuuqiv\" oifname { \"tuncw-udp\", \"tuncw-tcp\" } accept", rules["accept-client-to-access"]);
        Assert.Equal("iifname { \"tuncw-udp\", \"tuncw-tcp\" } oifname \"zt2nvuuqiv\" accept", rules["accept-access-to-client"]);
        Assert.Equal("oifname \"zt2nvuuqiv\" ip saddr { 10.9.0.0/25, 10.9.0.128/25 } masquerade", rules["masquerade-access-to-client"]);
    }

    [Fact]
    public void Access_clients_reach_no_allowed_lan()
    {
        var desired = DuoExample.Plan();

        Assert.DoesNotContain(desired.Nft.Definition.AllRules, r => r.Statement.Contains("tuncw-", StringComparison.Ordinal) && r.Statement.Contains("192.168.1.0/24", StringComparison.Ordinal));
    }

    [Fact]
    public void Access_clients_do_not_reach_each_other_by_default_and_do_with_client_to_client()
    {
        var closed = DuoExample.Plan();
        var open = DuoExample.Plan("client_to_client = true");

        Assert.DoesNotContain("accept-access-to-access", Comments(closed));
        Assert.Equal("iifname { \"tuncw-udp\", \"tuncw-tcp\" } oifname { \"tuncw-udp\", \"tuncw-tcp\" } accept", Rules(open)["accept-access-to-access"]);
    }

    [Fact]
    public void Without_allow_internet_access_clients_do_not_reach_the_egress()
    {
        var rules = Rules(DuoExample.Plan("allow_internet = false"));

        Assert.Equal("iifname \"zt2nvuuqiv\" oifname \"tuncw0\" accept", rules["accept-client-to-egress"]);

        // Still closed and still masqueraded: the leak counter catches what they send towards the egress.
        Assert.Equal("iifname { \"zt2nvuuqiv\", \"tuncw-udp\", \"tuncw-tcp\" } counter drop", rules[Planner.LeakRuleComment]);
    }

    [Fact]
    public void Without_allow_overlay_access_and_overlay_do_not_reach_each_other()
    {
        var comments = Comments(DuoExample.Plan("allow_overlay = false"));

        Assert.DoesNotContain("accept-client-to-access", comments);
        Assert.DoesNotContain("accept-access-to-client", comments);
        Assert.DoesNotContain("masquerade-access-to-client", comments);
    }

    [Fact]
    public void Without_masquerade_overlay_access_clients_keep_their_addresses_in_the_overlay()
    {
        var comments = Comments(DuoExample.Plan("masquerade_overlay = false"));

        Assert.Contains("accept-access-to-client", comments);
        Assert.DoesNotContain("masquerade-access-to-client", comments);
    }

    [Fact]
    public void Tcp_through_the_tcp_server_is_clamped_both_ways_and_only_ever_lowered()
    {
        var rules = Rules(DuoExample.Plan());

        Assert.Equal("iifname \"tuncw-tcp\" tcp flags syn tcp option maxseg size > 1360 tcp option maxseg size set 1360", rules["clamp-mss-access-stream-in"]);
        Assert.Equal("oifname \"tuncw-tcp\" tcp flags syn tcp option maxseg size > 1360 tcp option maxseg size set 1360", rules["clamp-mss-access-stream-out"]);
        Assert.DoesNotContain("clamp-mss-access-stream-in", Comments(DuoExample.Plan("tcp_port = 0")));
    }

    [Fact]
    public void Dns_to_each_server_address_is_redirected_like_the_overlays()
    {
        var rules = Rules(DuoExample.Plan());

        Assert.Equal(
            "iifname { \"zt2nvuuqiv\", \"tuncw-udp\", \"tuncw-tcp\" } ip daddr { 10.222.0.1, 10.9.0.1, 10.9.0.129 } udp dport 53 dnat ip to 10.8.0.1",
            rules["dnat-dns-udp"]);
        Assert.Equal(
            "iifname { \"zt2nvuuqiv\", \"tuncw-udp\", \"tuncw-tcp\" } ip daddr 10.222.0.1 tcp dport 53 dnat ip to 10.8.0.1",
            Rules(DuoExample.Plan("dns = [\"9.9.9.9\"]"))["dnat-dns-tcp"]);
    }

    [Fact]
    public void Policy_rules_catch_everything_arriving_on_the_access_devices_and_send_overlay_and_lans_to_main()
    {
        var rules = DuoExample.Plan().Rules.Select(r => r.ToString()).ToList();

        Assert.Equal(
            [
                "IPv4 prio 7270 from all to 10.222.0.0/24 iif zt2nvuuqiv lookup main",
                "IPv4 prio 7270 from all to 192.168.1.0/24 iif zt2nvuuqiv lookup main",
                "IPv4 prio 7270 from all to 10.222.0.0/24 iif tuncw-udp lookup main",
                "IPv4 prio 7270 from all to 192.168.1.0/24 iif tuncw-udp lookup main",
                "IPv4 prio 7270 from all to 10.222.0.0/24 iif tuncw-tcp lookup main",
                "IPv4 prio 7270 from all to 192.168.1.0/24 iif tuncw-tcp lookup main",
                "IPv4 prio 7271 from all iif zt2nvuuqiv lookup 7270",
                "IPv4 prio 7271 from all iif tuncw-udp lookup 7270",
                "IPv4 prio 7271 from all iif tuncw-tcp lookup 7270",
                "IPv4 prio 7270 from 10.8.0.6 to 10.222.0.0/24 lookup main",
                "IPv4 prio 7270 from 10.8.0.6 to 192.168.1.0/24 lookup main",
                "IPv4 prio 7271 from 10.8.0.6 lookup 7270",
                "IPv4 prio 7270 from 10.222.0.1 to 10.222.0.0/24 lookup main",
                "IPv4 prio 7270 from 10.222.0.1 to 192.168.1.0/24 lookup main",
                "IPv4 prio 7271 from 10.222.0.1 lookup 7270",
                "IPv4 prio 7270 from 10.9.0.1 to 10.222.0.0/24 lookup main",
                "IPv4 prio 7270 from 10.9.0.1 to 192.168.1.0/24 lookup main",
                "IPv4 prio 7271 from 10.9.0.1 lookup 7270",
                "IPv4 prio 7270 from 10.9.0.129 to 10.222.0.0/24 lookup main",
                "IPv4 prio 7270 from 10.9.0.129 to 192.168.1.0/24 lookup main",
                "IPv4 prio 7271 from 10.9.0.129 lookup 7270",
                "IPv6 prio 7270 from all to fdcc:ca5e::/64 iif zt2nvuuqiv lookup main",
                "IPv6 prio 7270 from all to fdcc:ca5e::/64 iif tuncw-udp lookup main",
                "IPv6 prio 7270 from all to fdcc:ca5e::/64 iif tuncw-tcp lookup main",
                "IPv6 prio 7271 from all iif zt2nvuuqiv lookup 7270",
                "IPv6 prio 7271 from all iif tuncw-udp lookup 7270",
                "IPv6 prio 7271 from all iif tuncw-tcp lookup 7270",
                "IPv6 prio 7270 from fdcc:ca5e::1 to fdcc:ca5e::/64 lookup main",
                "IPv6 prio 7271 from fdcc:ca5e::1 lookup 7270",
            ],
            rules);

        // The host's own traffic (and the servers' replies to phones) arrives on no client interface and is sent from
        // its uplink address, not a tunnel or client address: no rule matches it.
        Assert.All(DuoExample.Plan().Rules, r => Assert.True(r.InputInterface is not null || r.Source!.Value.PrefixLength is 32 or 128));
        Assert.DoesNotContain(DuoExample.Plan().Rules, r => r.Source is { } s && s.BaseAddress.Equals(IPAddress.Parse("192.0.2.2")));
    }

    [Fact]
    public void The_pool_is_routed_to_each_device_in_our_table_over_an_unreachable_pool()
    {
        var routes = DuoExample.Plan().Routes;

        Assert.Equal(
            [
                "unreachable default metric 4294967295",
                "unreachable default metric 4294967295",
                "default dev tuncw0 metric 100",
                "unreachable 10.9.0.0/24 metric 4294967295",
                "10.9.0.0/25 dev tuncw-udp metric 100",
                "10.9.0.128/25 dev tuncw-tcp metric 100",
            ],
            routes.Select(r => r.ToString()));
        Assert.Equal("tuncw-udp", routes[4].RequiresDevice);
        Assert.Equal("tuncw-tcp", routes[5].RequiresDevice);
        Assert.Equal(AddressFamily.InterNetwork, routes[3].Family);
    }

    [Fact]
    public void While_the_tunnel_is_down_the_pool_routes_stay_and_the_table_does_not_change()
    {
        var up = DuoExample.Plan();
        var down = DuoExample.Plan(tunnel: UnoExample.Disconnected);

        Assert.DoesNotContain(down.Routes, r => r.Destination.PrefixLength == 0 && r.Type == IpRoute.Unicast);
        Assert.Equal(5, down.Routes.Length);
        Assert.Equal(up.Nft.Text, down.Nft.Text);
    }

    [Fact]
    public void Sysctls_are_unos()
    {
        Assert.Equal(
            Planner.Plan(UnoExample.Settings(), UnoExample.OverlayFacts, UnoExample.Connected).Sysctls,
            DuoExample.Plan().Sysctls);
    }

    [Fact]
    public void Without_access_the_plan_is_unos_exactly()
    {
        var uno = Planner.Plan(UnoExample.Settings(), UnoExample.OverlayFacts, UnoExample.Connected);
        var none = Planner.Plan(UnoExample.Settings() with { Access = null }, UnoExample.OverlayFacts, UnoExample.Connected);

        Assert.Equal(uno.Nft.Text, none.Nft.Text);
        Assert.Equal(uno.Rules, none.Rules);
        Assert.Equal(uno.Routes, none.Routes);
        Assert.NotEqual(uno.Nft.Fingerprint, DuoExample.Plan().Nft.Fingerprint);
    }

    [Fact]
    public void An_access_device_that_is_also_the_egress_is_refused()
    {
        var inputs = new PlanningInputs(
            new OwnedNames("duo", "causeway", 7270, 7270),
            [new ClientInterface("zt0", [DuoExample.Net("10.222.0.0/24")], [IPAddress.Parse("10.222.0.1")])],
            new Egress("tuncw0", Usable: true),
            [],
            MasqueradeLans: false,
            Dns: null)
        {
            Access = new AccessInputs([new ClientInterface("tuncw0", [DuoExample.Net("10.9.0.0/25")], [])], DuoExample.Net("10.9.0.0/24"), true, true, true, false, [], 1360),
        };

        var error = Assert.Throws<ArgumentException>(() => Planner.Plan(inputs));

        Assert.Contains("\"tuncw0\" is also the overlay's, the egress's or another server's", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_access_subnet_outside_the_pool_is_refused()
    {
        var inputs = new PlanningInputs(
            new OwnedNames("duo", "causeway", 7270, 7270),
            [new ClientInterface("zt0", [DuoExample.Net("10.222.0.0/24")], [])],
            new Egress("tuncw0", Usable: true),
            [],
            MasqueradeLans: false,
            Dns: null)
        {
            Access = new AccessInputs([new ClientInterface("tunu", [DuoExample.Net("10.10.0.0/25")], [])], DuoExample.Net("10.9.0.0/24"), true, true, true, false, [], 1360),
        };

        Assert.Throws<ArgumentException>(() => Planner.Plan(inputs));
    }
}
