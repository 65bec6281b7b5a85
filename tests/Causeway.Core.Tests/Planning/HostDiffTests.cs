using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Causeway.Core.Netlink;
using Causeway.Core.Planning;
using Xunit;

namespace Causeway.Core.Tests.Planning;

public sealed class HostDiffTests
{
    private static readonly OwnedNames Owned = CapturedHost.Desired().Owned;

    [Fact]
    public void A_converged_host_needs_no_change_and_the_foreign_rule_at_our_priority_is_a_conflict()
    {
        var plan = HostDiff.Diff(CapturedHost.Desired(), CapturedHost.Converged());

        Assert.True(plan.IsEmpty, PlanFormatter.Format(plan));
        var conflict = Assert.Single(plan.Conflicts);
        Assert.Contains("fwmark 0x1 lookup 300", conflict, StringComparison.Ordinal);
        Assert.Contains("left alone", conflict, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_host_gets_everything_in_the_fail_closed_order()
    {
        var plan = HostDiff.Diff(CapturedHost.Desired(), ObservedHost.Empty with { Links = ["tuncw0", "zt2nvuuqiv"] });

        var steps = plan.Changes.Select(c => c.Description).ToList();
        Assert.All(plan.Changes.Where(c => c.Subject != HostObjectKind.Sysctl), c => Assert.Equal(HostChangeKind.Add, c.Kind));
        Assert.StartsWith("nft table inet causeway", steps[0], StringComparison.Ordinal);
        Assert.Equal("ip route IPv4 table 7270: unreachable default metric 4294967295", steps[1]);
        Assert.Equal("ip route IPv6 table 7270: unreachable default metric 4294967295", steps[2]);
        Assert.Equal("ip route IPv4 table 7270: default dev tuncw0 metric 100", steps[3]);

        // The catch-alls come after the unreachable defaults, and before the exceptions that loosen them.
        var firstCatchAll = steps.FindIndex(s => s.Contains("prio 7271", StringComparison.Ordinal));
        var firstException = steps.FindIndex(s => s.Contains("prio 7270", StringComparison.Ordinal));
        Assert.True(firstCatchAll > 2 && firstCatchAll < firstException);
        Assert.Equal(13, plan.Changes.Count(c => c.Subject == HostObjectKind.Rule));
        Assert.Equal("sysctl net.ipv4.conf.tuncw0.rp_filter: (unread) -> 2", steps[^2]);
        Assert.Equal(new SysctlWrite("net.ipv4.ip_forward", "1"), plan.Changes[^1].Operation);
    }

    [Fact]
    public void The_nft_table_is_one_atomic_replace()
    {
        var plan = HostDiff.Diff(CapturedHost.Desired(), ObservedHost.Empty);

        var script = Assert.IsType<NftScript>(plan.Changes[0].Operation).Script;
        Assert.StartsWith("table inet causeway {}\ndelete table inet causeway\ntable inet causeway {\n", script, StringComparison.Ordinal);
        Assert.EndsWith(CapturedHost.Desired().Nft.Text, script, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_rule_is_added_back_and_nothing_else()
    {
        var observed = CapturedHost.Converged();
        observed = observed with { Rules = observed.Rules.RemoveAll(r => r.Priority == 7271 && r.Family == AddressFamily.InterNetworkV6 && r.Source is null) };

        var change = Assert.Single(HostDiff.Diff(CapturedHost.Desired(), observed).Changes);

        Assert.Equal(HostChangeKind.Add, change.Kind);
        Assert.Equal("ip rule IPv6 prio 7271 from all iif zt2nvuuqiv lookup 7270", change.Description);
        Assert.Equal(["-6", "rule", "add", "priority", "7271", "iif", "zt2nvuuqiv", "lookup", "7270"], ((IpCommand)change.Operation).Arguments);
    }

    [Fact]
    public void A_deleted_route_is_added_back_and_nothing_else()
    {
        var observed = CapturedHost.Converged();
        observed = observed with { Routes = observed.Routes.RemoveAll(r => r.Type == IpRoute.Unreachable && r.Family == AddressFamily.InterNetwork) };

        var change = Assert.Single(HostDiff.Diff(CapturedHost.Desired(), observed).Changes);

        Assert.Equal(HostChangeKind.Add, change.Kind);
        Assert.Equal(
            ["-4", "route", "replace", "unreachable", "default", "metric", "4294967295", "table", "7270"],
            ((IpCommand)change.Operation).Arguments);
    }

    [Fact]
    public void A_deleted_nft_rule_is_drift_that_replaces_the_table()
    {
        var plan = HostDiff.Diff(CapturedHost.Desired(), CapturedHost.Converged("table-causeway-rule-deleted.json"));

        var change = Assert.Single(plan.Changes);
        Assert.Equal((HostChangeKind.Change, HostObjectKind.NftTable), (change.Kind, change.Subject));
        Assert.Equal("nft table inet causeway: rule drop-client-other is missing from chain forward", change.Description);
        Assert.IsType<NftScript>(change.Operation);
    }

    [Fact]
    public void A_flushed_nft_table_is_drift_with_every_missing_rule_listed()
    {
        var change = Assert.Single(HostDiff.Diff(CapturedHost.Desired(), CapturedHost.Converged("table-causeway-flushed.json")).Changes);

        Assert.Equal(HostObjectKind.NftTable, change.Subject);
        Assert.Equal(21, 1 + change.Details.Length);
    }

    [Fact]
    public void A_different_fingerprint_is_drift_even_with_every_rule_in_place()
    {
        var observed = CapturedHost.Converged();
        observed = observed with { NftTable = observed.NftTable!.WithComment("causeway instance=causeway fingerprint=0000000000000000") };

        var change = Assert.Single(HostDiff.Diff(CapturedHost.Desired(), observed).Changes);

        Assert.Contains("the comment differs", change.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_table_comment_is_drift()
    {
        var observed = CapturedHost.Converged();
        observed = observed with { NftTable = observed.NftTable!.WithComment(null) };

        Assert.Single(HostDiff.Diff(CapturedHost.Desired(), observed).Changes);
    }

    [Fact]
    public void A_changed_sysctl_is_set_back()
    {
        var observed = CapturedHost.Converged();
        observed = observed with { Sysctls = observed.Sysctls.SetItem(SysctlNames.IpForward, "0") };

        var change = Assert.Single(HostDiff.Diff(CapturedHost.Desired(), observed).Changes);

        Assert.Equal("sysctl net.ipv4.ip_forward: 0 -> 1", change.Description);
        Assert.Equal(new SysctlWrite(SysctlNames.IpForward, "1"), change.Operation);
    }

    [Fact]
    public void Foreign_rules_at_other_priorities_are_never_touched()
    {
        var observed = CapturedHost.Converged();
        var foreign = new IpRule(AddressFamily.InterNetwork, 7272, null, null, "zt2nvuuqiv", null, null, "7270", null, []);
        observed = observed with { Rules = observed.Rules.Add(foreign) };

        var plan = HostDiff.Diff(CapturedHost.Desired(), observed);

        Assert.True(plan.IsEmpty);
        Assert.Single(plan.Conflicts);
    }

    [Fact]
    public void Rules_for_an_old_tunnel_address_go_after_those_for_the_new_one_are_in()
    {
        var observed = CapturedHost.Converged();
        var desired = Planner.Plan(UnoExample.Settings(), UnoExample.OverlayFacts, UnoExample.Connected with { LocalAddress = IPAddress.Parse("10.8.0.10") });

        var steps = HostDiff.Diff(desired, observed).Changes.Where(c => c.Subject == HostObjectKind.Rule).Select(c => c.ToString()).ToList();

        Assert.Equal(
            [
                "- ip rule IPv4 prio 7270 from 10.8.0.6 to 10.222.0.0/24 lookup main",
                "- ip rule IPv4 prio 7270 from 10.8.0.6 to 192.168.1.0/24 lookup main",
                "+ ip rule IPv4 prio 7271 from 10.8.0.10 lookup 7270",
                "+ ip rule IPv4 prio 7270 from 10.8.0.10 to 10.222.0.0/24 lookup main",
                "+ ip rule IPv4 prio 7270 from 10.8.0.10 to 192.168.1.0/24 lookup main",
                "- ip rule IPv4 prio 7271 from 10.8.0.6 lookup 7270",
            ],
            steps);
    }

    [Fact]
    public void A_stale_exception_is_removed_with_every_selector_named()
    {
        var observed = CapturedHost.Converged();
        var desired = Planner.Plan(UnoExample.Settings(lans: []), UnoExample.OverlayFacts, UnoExample.Connected);

        var plan = HostDiff.Diff(desired, observed);

        Assert.Equal(4, plan.Changes.Length);
        Assert.Equal(HostObjectKind.NftTable, plan.Changes[0].Subject);
        Assert.All(plan.Changes.Skip(1), c => Assert.Equal(HostChangeKind.Remove, c.Kind));
        Assert.Equal(
            ["-4", "rule", "del", "priority", "7270", "to", "192.168.1.0/24", "iif", "zt2nvuuqiv", "lookup", "main"],
            ((IpCommand)plan.Changes[1].Operation).Arguments);
        Assert.Equal(
            ["-4", "rule", "del", "priority", "7270", "from", "10.8.0.6/32", "to", "192.168.1.0/24", "lookup", "main"],
            ((IpCommand)plan.Changes[2].Operation).Arguments);
    }

    [Fact]
    public void A_rule_with_extra_selectors_at_our_priority_is_a_conflict_even_when_it_looks_up_our_table()
    {
        var observed = CapturedHost.Converged();
        var odd = new IpRule(AddressFamily.InterNetwork, 7271, null, null, "zt2nvuuqiv", null, null, "7270", null, ["ipproto=tcp"]);
        observed = observed with { Rules = observed.Rules.Add(odd) };

        var plan = HostDiff.Diff(CapturedHost.Desired(), observed);

        Assert.True(plan.IsEmpty);
        Assert.Equal(2, plan.Conflicts.Length);
    }

    [Fact]
    public void A_catch_all_for_an_old_interface_is_removed_after_the_new_one_is_added()
    {
        var overlay = UnoExample.OverlayFacts with { InterfaceName = "ztnew" };
        var desired = Planner.Plan(UnoExample.Settings(), overlay, UnoExample.Connected);

        var plan = HostDiff.Diff(desired, CapturedHost.Converged());

        var rules = plan.Changes.Where(c => c.Subject == HostObjectKind.Rule).Select(c => $"{PlanFormatter.Sign(c.Kind)} {c.Description}").ToList();
        Assert.Equal(
            [
                "- ip rule IPv4 prio 7270 from all to 10.222.0.0/24 iif zt2nvuuqiv lookup main",
                "- ip rule IPv4 prio 7270 from all to 192.168.1.0/24 iif zt2nvuuqiv lookup main",
                "- ip rule IPv6 prio 7270 from all to fdcc:ca5e::/64 iif zt2nvuuqiv lookup main",
                "+ ip rule IPv4 prio 7271 from all iif ztnew lookup 7270",
                "+ ip rule IPv6 prio 7271 from all iif ztnew lookup 7270",
                "+ ip rule IPv4 prio 7270 from all to 10.222.0.0/24 iif ztnew lookup main",
                "+ ip rule IPv4 prio 7270 from all to 192.168.1.0/24 iif ztnew lookup main",
                "+ ip rule IPv6 prio 7270 from all to fdcc:ca5e::/64 iif ztnew lookup main",
                "- ip rule IPv4 prio 7271 from all iif zt2nvuuqiv lookup 7270",
                "- ip rule IPv6 prio 7271 from all iif zt2nvuuqiv lookup 7270",
            ],
            rules);
    }

    [Fact]
    public void When_the_tunnel_goes_down_only_its_route_goes()
    {
        var change = Assert.Single(HostDiff.Diff(CapturedHost.Desired(UnoExample.Disconnected), CapturedHost.Converged()).Changes);

        Assert.Equal(HostChangeKind.Remove, change.Kind);
        Assert.Equal("ip route IPv4 table 7270: default dev tuncw0 scope link metric 100", change.Description);
        Assert.Equal(["-4", "route", "del", "unicast", "default", "dev", "tuncw0", "metric", "100", "table", "7270"], ((IpCommand)change.Operation).Arguments);
    }

    [Fact]
    public void Nothing_is_planned_through_an_egress_device_that_does_not_exist()
    {
        var observed = CapturedHost.Converged();
        observed = observed with
        {
            Links = observed.Links.Remove("tuncw0"),
            Routes = observed.Routes.RemoveAll(r => r.Device == "tuncw0"),
            Sysctls = observed.Sysctls.Remove(SysctlNames.RpFilter("tuncw0")),
        };

        Assert.True(HostDiff.Diff(CapturedHost.Desired(UnoExample.Connected), observed).IsEmpty);
    }

    [Fact]
    public void A_route_of_the_wrong_type_in_our_slot_is_replaced_and_foreign_routes_in_our_table_go()
    {
        var observed = CapturedHost.Converged();
        var v6Default = observed.Routes.Single(r => r.Family == AddressFamily.InterNetworkV6);
        var junk = v6Default with { Type = IpRoute.Unicast, Destination = IPNetwork.Parse("2001:db8::/32"), Device = "s-up", Metric = 1024 };
        observed = observed with { Routes = observed.Routes.Replace(v6Default, v6Default with { Type = IpRoute.Blackhole }).Add(junk) };

        var plan = HostDiff.Diff(CapturedHost.Desired(), observed);

        Assert.Equal(
            [
                "~ ip route IPv6 table 7270: unreachable default metric 4294967295 (was: blackhole default dev lo metric 4294967295)",
                "- ip route IPv6 table 7270: 2001:db8::/32 dev s-up metric 1024",
            ],
            plan.Changes.Select(c => c.ToString()));
    }

    [Fact]
    public void Teardown_restores_forwarding_first_then_rules_then_routes_then_the_table()
    {
        var recorded = new[]
        {
            new RecordedSysctl(SysctlNames.RpFilter("tuncw0"), "0", "2"),
            new RecordedSysctl(SysctlNames.IpForward, "0", "1"),
        };

        var plan = HostDiff.Teardown(Owned, CapturedHost.Converged(), recorded);

        Assert.Equal(HostPlanPurpose.Teardown, plan.Purpose);
        Assert.Equal(
            [
                "~ sysctl net.ipv4.ip_forward: 1 -> 0 (restore)",
                "~ sysctl net.ipv4.conf.tuncw0.rp_filter: 2 -> 0 (restore)",
                "- ip rule IPv4 prio 7270 from all to 10.222.0.0/24 iif zt2nvuuqiv lookup main",
                "- ip rule IPv4 prio 7270 from all to 192.168.1.0/24 iif zt2nvuuqiv lookup main",
                "- ip rule IPv4 prio 7270 from 10.8.0.6 to 10.222.0.0/24 lookup main",
                "- ip rule IPv4 prio 7270 from 10.8.0.6 to 192.168.1.0/24 lookup main",
                "- ip rule IPv4 prio 7270 from 10.222.0.1 to 10.222.0.0/24 lookup main",
                "- ip rule IPv4 prio 7270 from 10.222.0.1 to 192.168.1.0/24 lookup main",
                "- ip rule IPv6 prio 7270 from all to fdcc:ca5e::/64 iif zt2nvuuqiv lookup main",
                "- ip rule IPv6 prio 7270 from fdcc:ca5e::1 to fdcc:ca5e::/64 lookup main",
                "- ip rule IPv4 prio 7271 from all iif zt2nvuuqiv lookup 7270",
                "- ip rule IPv4 prio 7271 from 10.8.0.6 lookup 7270",
                "- ip rule IPv4 prio 7271 from 10.222.0.1 lookup 7270",
                "- ip rule IPv6 prio 7271 from all iif zt2nvuuqiv lookup 7270",
                "- ip rule IPv6 prio 7271 from fdcc:ca5e::1 lookup 7270",
                "- ip route IPv4 table 7270: default dev tuncw0 scope link metric 100",
                "- ip route IPv4 table 7270: unreachable default metric 4294967295",
                "- ip route IPv6 table 7270: unreachable default dev lo metric 4294967295",
                "- nft table inet causeway",
            ],
            plan.Changes.Select(c => c.ToString()));
        Assert.Equal(new SysctlRestore(SysctlNames.IpForward, "0"), plan.Changes[0].Operation);
        Assert.Equal("table inet causeway {}\ndelete table inet causeway\n", ((NftScript)plan.Changes[^1].Operation).Script);
        Assert.Contains("fwmark 0x1", Assert.Single(plan.Conflicts), StringComparison.Ordinal);
    }

    [Fact]
    public void Teardown_leaves_a_sysctl_someone_else_changed_and_forgets_one_whose_device_is_gone()
    {
        var observed = CapturedHost.Converged();
        observed = observed with { Sysctls = observed.Sysctls.SetItem(SysctlNames.IpForward, "0").Remove(SysctlNames.RpFilter("tuncw0")) };
        var recorded = new[]
        {
            new RecordedSysctl(SysctlNames.IpForward, "0", "1"),
            new RecordedSysctl(SysctlNames.RpFilter("tuncw0"), "0", "2"),
            new RecordedSysctl(SysctlNames.RpFilter("all"), "0", "0"),
        };

        var sysctls = HostDiff.Teardown(Owned, observed, recorded).Changes.Where(c => c.Subject == HostObjectKind.Sysctl).ToList();

        Assert.Equal(
            [new SysctlForget(SysctlNames.IpForward), new SysctlForget(SysctlNames.RpFilter("tuncw0")), new SysctlForget(SysctlNames.RpFilter("all"))],
            sysctls.Select(c => c.Operation));
        Assert.Contains("changed by someone else", sysctls[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Teardown_of_a_clean_host_is_empty()
    {
        var clean = new ObservedHost(
            [new IpRule(AddressFamily.InterNetwork, 7270, null, null, null, null, "0x1", "300", null, [])],
            [],
            null,
            ImmutableDictionary<string, string>.Empty.Add(SysctlNames.IpForward, "0"),
            ["lo"]);

        var plan = HostDiff.Teardown(Owned, clean, []);

        Assert.True(plan.IsEmpty);
        Assert.Single(plan.Conflicts);
    }

    [Fact]
    public void Ownership_is_by_priority_table_and_shape()
    {
        IpRule Rule(long priority, string? table, IPNetwork? to = null, string? iif = "zt0", string? fwmark = null) =>
            new(AddressFamily.InterNetwork, priority, null, to, iif, null, fwmark, table, null, []);

        Assert.True(HostDiff.IsOurs(Rule(7271, "7270"), Owned));
        Assert.True(HostDiff.IsOurs(Rule(7270, "main", IPNetwork.Parse("10.0.0.0/8")), Owned));
        Assert.True(HostDiff.IsOurs(Rule(7270, "254", IPNetwork.Parse("10.0.0.0/8")), Owned));
        Assert.False(HostDiff.IsOurs(Rule(7270, "main"), Owned));
        Assert.False(HostDiff.IsOurs(Rule(7270, "main", IPNetwork.Parse("10.0.0.0/8"), fwmark: "0x1"), Owned));
        Assert.False(HostDiff.IsOurs(Rule(7270, "main", IPNetwork.Parse("10.0.0.0/8"), iif: null), Owned));
        Assert.False(HostDiff.IsOurs(Rule(7271, "300"), Owned));
        Assert.False(HostDiff.IsOurs(Rule(7269, "7270"), Owned));
        Assert.False(HostDiff.IsOurs(Rule(7271, "causeway"), Owned));
    }
}
