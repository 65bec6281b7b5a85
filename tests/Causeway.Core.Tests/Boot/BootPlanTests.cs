using Causeway.Core.Boot;
using Causeway.Core.Nft;
using Causeway.Core.Planning;
using Causeway.Core.Tests.Planning;
using Xunit;

namespace Causeway.Core.Tests.Boot;

/// <summary>
/// What `causeway boot` applies on a host that has just booted (no overlay device, no tunnel, forwarding as another
/// tool left it): both layers, each holding alone, in the fail-closed order, and nothing that needs a device.
/// </summary>
public sealed class BootPlanTests
{
    private static HostPlan Uno() => BootPlan.For(BootExamples.Uno());

    /// <summary>The table the boot plan's script holds (the same as up's with the tunnel down, as shown below).</summary>
    private static NftTableDefinition Table() => Planner.Plan(BootPlan.AtBoot(BootExamples.Uno())).Nft.Definition;

    [Fact]
    public void It_is_the_nft_table_then_the_unreachable_routes_then_the_catch_alls_then_the_exceptions_and_nothing_else()
    {
        var plan = Uno();

        Assert.Equal(HostPlanPurpose.Boot, plan.Purpose);
        Assert.Equal(
            [
                "+ nft table inet causeway (rules forward: 9, dns: 2, nat: 2, host-input: 2, uplink-guard: 6)",
                "+ ip route IPv4 table 7270: unreachable default metric 4294967295",
                "+ ip route IPv6 table 7270: unreachable default metric 4294967295",
                "+ ip rule IPv4 prio 7271 from all iif zt2nvuuqiv lookup 7270",
                "+ ip rule IPv4 prio 7271 from 10.222.0.1 lookup 7270",
                "+ ip rule IPv6 prio 7271 from all iif zt2nvuuqiv lookup 7270",
                "+ ip rule IPv6 prio 7271 from fdcc:ca5e::1 lookup 7270",
                "+ ip rule IPv4 prio 7270 from all to 10.222.0.0/24 iif zt2nvuuqiv lookup main",
                "+ ip rule IPv4 prio 7270 from all to 192.168.1.0/24 iif zt2nvuuqiv lookup main",
                "+ ip rule IPv4 prio 7270 from 10.222.0.1 to 10.222.0.0/24 lookup main",
                "+ ip rule IPv4 prio 7270 from 10.222.0.1 to 192.168.1.0/24 lookup main",
                "+ ip rule IPv6 prio 7270 from all to fdcc:ca5e::/64 iif zt2nvuuqiv lookup main",
                "+ ip rule IPv6 prio 7270 from fdcc:ca5e::1 to fdcc:ca5e::/64 lookup main",
            ],
            plan.Changes.Select(c => c.ToString()));
        Assert.DoesNotContain(plan.Changes, c => c.Subject == HostObjectKind.Sysctl);
    }

    [Fact]
    public void The_nft_layer_is_one_transaction_that_replaces_a_table_of_that_name()
    {
        var nft = Assert.Single(Uno().Changes, c => c.Operation is NftScript);

        var script = ((NftScript)nft.Operation).Script;
        Assert.StartsWith("table inet causeway {}\ndelete table inet causeway\ntable inet causeway {\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void It_is_the_table_up_plans_with_the_tunnel_down_so_that_up_has_nothing_to_replace()
    {
        var atBoot = ((NftScript)Uno().Changes[0].Operation).Script;
        var up = Planner.Plan(Planner.Inputs(UnoExample.Settings(), UnoExample.OverlayFacts with { Mtu = 2800 }, Causeway.Core.Model.TunnelFacts.Down, uplinkMtu: 1400)).Nft;

        Assert.Equal(NftRenderer.ReplaceScript(up.Definition), atBoot);
    }

    [Fact]
    public void Its_forward_chain_holds_alone_at_boot_every_accept_needs_a_device_that_is_not_there_or_stays_on_the_overlay()
    {
        var forward = Table().Chains.Single(c => c.Name == Planner.ForwardChain);

        // Nothing is accepted from a client towards the uplink: only into the tunnel's device (absent until OpenVPN
        // connects), back onto the overlay, to the listed LAN, or from the tunnel's device.
        foreach (var accept in forward.Rules.Where(r => r.Statement.EndsWith(" accept", StringComparison.Ordinal)))
        {
            Assert.True(
                accept.Statement.Contains("oifname \"tuncw0\"", StringComparison.Ordinal)
                || accept.Statement.Contains("oifname \"zt2nvuuqiv\"", StringComparison.Ordinal)
                || accept.Statement.Contains("ip daddr 192.168.1.0/24", StringComparison.Ordinal),
                accept.Statement);
        }

        Assert.Equal(new NftRuleDefinition("iifname \"zt2nvuuqiv\" counter drop", Planner.LeakRuleComment), forward.Rules[^1]);
        Assert.Equal("accept", forward.Policy);
    }

    [Fact]
    public void Its_uplink_guard_drops_what_carries_a_client_address_whatever_routes_it()
    {
        var guard = Table().Chains.Single(c => c.Name == Planner.UplinkGuardChain);

        Assert.Equal(
            [
                "oifname { \"lo\", \"tuncw0\", \"zt2nvuuqiv\" } accept",
                "ip daddr 192.168.1.0/24 accept",
                "ip saddr 10.222.0.0/24 counter drop",
                "ip6 saddr fdcc:ca5e::/64 counter drop",
                "ct original ip saddr 10.222.0.0/24 counter drop",
                "ct original ip6 saddr fdcc:ca5e::/64 counter drop",
            ],
            guard.Rules.Select(r => r.Statement));
    }

    [Fact]
    public void Its_route_layer_needs_no_device_and_never_routes_through_the_tunnel()
    {
        var routes = Uno().Changes.Where(c => c.Subject == HostObjectKind.Route).Select(c => string.Join(' ', ((IpCommand)c.Operation).Arguments));

        Assert.Equal(
            [
                "-4 route replace unreachable default metric 4294967295 table 7270",
                "-6 route replace unreachable default metric 4294967295 table 7270",
            ],
            routes);
    }

    [Fact]
    public void With_access_the_pool_is_unreachable_and_the_servers_devices_are_closed_like_the_overlay()
    {
        var plan = BootPlan.For(BootExamples.Duo());
        var changes = plan.Changes.Select(c => c.ToString()).ToList();

        Assert.Contains("+ ip route IPv4 table 7270: unreachable 10.9.0.0/24 metric 4294967295", changes);
        Assert.Contains("+ ip rule IPv4 prio 7271 from all iif tuncw-udp lookup 7270", changes);
        Assert.Contains("+ ip rule IPv4 prio 7271 from all iif tuncw-tcp lookup 7270", changes);
        Assert.DoesNotContain(changes, c => c.Contains("dev tuncw-", StringComparison.Ordinal));
        Assert.Equal(3, plan.Changes.Count(c => c.Subject == HostObjectKind.Route));
    }

    [Fact]
    public void An_overlay_gateways_host_never_routes_via_the_gateway_at_boot()
    {
        var plan = BootPlan.For(BootExamples.DinosaurVm());

        Assert.DoesNotContain(plan.Changes, c => c.ToString().Contains($"via {BootExamples.Sbc}", StringComparison.Ordinal));
        Assert.Contains("+ ip rule IPv4 prio 7271 from all iif zt2nvuuqiv lookup 7270", plan.Changes.Select(c => c.ToString()));
    }
}
