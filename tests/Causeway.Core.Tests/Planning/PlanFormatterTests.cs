using System.Net.Sockets;
using Causeway.Core.Planning;
using Xunit;

namespace Causeway.Core.Tests.Planning;

public sealed class PlanFormatterTests
{
    private static readonly OwnedNames Owned = new("causeway", "causeway", 7270, 7270);

    [Fact]
    public void An_empty_plan_says_no_changes()
    {
        var plan = new HostPlan(HostPlanPurpose.Converge, Owned, [], []);

        Assert.Equal("no changes\n", PlanFormatter.Format(plan));
    }

    [Fact]
    public void An_empty_plan_still_shows_its_conflicts()
    {
        var plan = new HostPlan(HostPlanPurpose.Converge, Owned, [], ["ip rule IPv4 prio 7270 ...: not Causeway's"]);

        Assert.Equal("no changes\n! ip rule IPv4 prio 7270 ...: not Causeway's\n", PlanFormatter.Format(plan));
    }

    [Fact]
    public void Marks_additions_changes_and_removals_with_details_and_a_summary()
    {
        var rule = new DesiredRule(AddressFamily.InterNetwork, 7271, "zt0", null, 7270);
        var plan = new HostPlan(
            HostPlanPurpose.Converge,
            Owned,
            [
                new HostChange(HostChangeKind.Change, HostObjectKind.NftTable, "nft table inet causeway: rule a is missing from chain forward", new NftScript("x\n"), ["rule b is missing from chain forward"]),
                new HostChange(HostChangeKind.Add, HostObjectKind.Rule, $"ip rule {rule}", IpCommands.AddRule(rule)),
                new HostChange(HostChangeKind.Remove, HostObjectKind.Route, "ip route IPv4 table 7270: default dev tuncw0 metric 100", new IpCommand(["-4"])),
            ],
            []);

        Assert.Equal(
            """
            ~ nft table inet causeway: rule a is missing from chain forward
                rule b is missing from chain forward
            + ip rule IPv4 prio 7271 from all iif zt0 lookup 7270
            - ip route IPv4 table 7270: default dev tuncw0 metric 100
            3 changes: 1 to add, 1 to change, 1 to remove

            """,
            PlanFormatter.Format(plan));
    }

    [Fact]
    public void The_first_up_reads_as_a_list_of_additions()
    {
        // No links observed: nothing through the tunnel device, which does not exist.
        var plan = HostDiff.Diff(CapturedHost.Desired(), ObservedHost.Empty);

        var text = PlanFormatter.Format(plan);

        Assert.StartsWith("+ nft table inet causeway (rules forward: 9, dns: 2, nat: 2, host-input: 2, uplink-guard: 6)\n+ ip route IPv4 table 7270: unreachable default", text, StringComparison.Ordinal);
        Assert.EndsWith("~ sysctl net.ipv4.ip_forward: (unread) -> 1\n17 changes: 16 to add, 1 to change, 0 to remove\n", text, StringComparison.Ordinal);
    }
}
