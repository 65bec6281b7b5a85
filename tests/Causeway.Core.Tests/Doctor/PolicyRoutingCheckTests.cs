using System.Collections.Immutable;
using System.Net.Sockets;
using Causeway.Core.Doctor;
using Causeway.Core.Netlink;
using Causeway.Core.Planning;
using CsCheck;
using Xunit;

namespace Causeway.Core.Tests.Doctor;

public sealed class PolicyRoutingCheckTests
{
    private static DoctorFinding Routing(ImmutableArray<IpRule> rules, DoctorFacts? facts = null) =>
        DoctorHost.Finding((facts ?? DoctorHost.Healthy()) with { Rules = Observed.Of(rules) }, DoctorFindingIds.PolicyRouting);

    [Fact]
    public void Causeways_own_rules_are_ok()
    {
        var finding = Routing(DoctorHost.OwnRules());

        Assert.Equal((DoctorSeverity.Ok, "only Causeway's own (3 rules)"), (finding.Severity, finding.Seen));
    }

    [Fact]
    public void Another_tools_rule_at_Causeways_priority_is_a_problem_with_its_delete_and_a_free_priority()
    {
        var finding = Routing(DoctorHost.OwnRules().Add(DoctorHost.Rule(7271, "100", fwmark: "0x1")).Add(DoctorHost.Rule(7273, "254")));

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.Equal("not Causeway's: IPv4 prio 7271 from all fwmark 0x1 lookup 100", finding.Seen);
        Assert.Equal("remove it if nothing needs it (ip -4 rule del priority 7271 fwmark 0x1 lookup 100), or move Causeway out of the way in [instance]: rule_priority = 7274", finding.Fix);
    }

    [Fact]
    public void Another_tools_rule_looking_up_Causeways_table_is_a_problem()
    {
        var finding = Routing(DoctorHost.OwnRules().Add(DoctorHost.Rule(100, "7270", family: AddressFamily.InterNetworkV6)));

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.Contains("IPv6 prio 100 from all lookup 7270", finding.Seen, StringComparison.Ordinal);
        Assert.Contains("route_table = a table no other tool uses", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void The_configured_priorities_are_the_ones_checked()
    {
        var facts = DoctorHost.Facts(DoctorHost.Settings(extra: "[instance]\nrule_priority = 9000\nroute_table = 9000"));

        var moved = Routing(DoctorHost.OwnRules(), facts);
        var taken = Routing(DoctorHost.OwnRules().Add(DoctorHost.Rule(9001, "100")), facts);

        Assert.Equal(DoctorSeverity.Ok, moved.Severity);
        Assert.Contains("priorities 9000 and 9001, or looking up its route table 9000", moved.Checked, StringComparison.Ordinal);
        Assert.Equal(DoctorSeverity.Problem, taken.Severity);
        Assert.EndsWith("rule_priority = 9002", taken.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_rules_are_unchecked()
    {
        var facts = DoctorHost.Healthy() with { Rules = Observed.Unread<ImmutableArray<IpRule>>("ip is not usable (program.ip)") };

        Assert.Equal(DoctorSeverity.Unchecked, DoctorHost.Finding(facts, DoctorFindingIds.PolicyRouting).Severity);
    }

    [Fact]
    public void Any_rule_is_a_problem_exactly_when_it_is_not_Causeways_and_takes_its_priority_or_table()
    {
        string[] tables = ["254", "7270", "100"];
        string?[] inputs = [null, DoctorHost.Overlay];
        var rule = Gen.Select(Gen.Int[7260, 7280], Gen.Int[0, 2], Gen.Int[0, 1], Gen.Bool)
            .Select(t => DoctorHost.Rule(t.Item1, tables[t.Item2], iif: inputs[t.Item3], fwmark: t.Item4 ? "0x2" : null));
        rule.Sample(extra =>
        {
            var finding = Routing(DoctorHost.OwnRules().Add(extra));

            var ours = HostDiff.IsOurs(extra, new OwnedNames("causeway", "causeway", 7270, 7270));
            var inTheWay = !ours && (extra.Priority is 7270 or 7271 || extra.Table == "7270");
            Assert.Equal(inTheWay ? DoctorSeverity.Problem : DoctorSeverity.Ok, finding.Severity);
        });
    }
}
