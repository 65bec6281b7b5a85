using Causeway.Core.Doctor;
using Causeway.Core.Nft;
using Xunit;

namespace Causeway.Core.Tests.Doctor;

public sealed class ForwardDropCheckTests
{
    private static DoctorFinding ForwardDrop(params NftTableListing[] tables) =>
        DoctorHost.Finding(DoctorHost.Healthy() with { Nftables = Observed.Of(DoctorHost.Ruleset([DoctorHost.CausewayTable(), .. tables])) }, DoctorFindingIds.FirewallForwardDrop);

    [Fact]
    public void Only_Causeways_table_is_ok()
    {
        Assert.Equal((DoctorSeverity.Ok, "no other forward chain drops by default (1 table)"), (ForwardDrop().Severity, ForwardDrop().Seen));
    }

    [Fact]
    public void Another_tables_forward_chain_with_policy_drop_is_a_problem_whose_fix_accepts_Causeways_traffic_there()
    {
        var finding = ForwardDrop(DoctorHost.Table("inet", "filter", [DoctorHost.BaseChain("forward", "forward", "drop"), DoctorHost.BaseChain("input", "input", "drop")]));

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.StartsWith("table inet filter chain forward: policy drop", finding.Seen, StringComparison.Ordinal);
        Assert.StartsWith(
            $"nft insert rule inet filter forward iifname {DoctorHost.Overlay} oifname tuncw0 accept && nft insert rule inet filter forward iifname tuncw0 oifname {DoctorHost.Overlay} ct state established,related accept",
            finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockers_ufws_and_firewallds_chains_and_bridges_are_left_to_their_own_findings()
    {
        var finding = ForwardDrop(
            DoctorHost.DockerFilter(),
            DoctorHost.Table("ip", "filter6", [DoctorHost.BaseChain("FORWARD", "forward", "drop"), DoctorHost.Chain("ufw-before-forward")]),
            DoctorHost.Table("inet", "firewalld", [DoctorHost.BaseChain("filter_FORWARD", "forward", "drop")]),
            DoctorHost.Table("bridge", "filter", [DoctorHost.BaseChain("forward", "forward", "drop")]));

        Assert.Equal(DoctorSeverity.Ok, finding.Severity);
    }

    [Fact]
    public void Unreadable_nftables_is_unchecked()
    {
        var facts = DoctorHost.Healthy() with { Nftables = Observed.Unread<NftRuleset>("reading nftables needs root", needsRoot: true) };

        Assert.Equal(DoctorSeverity.Unchecked, DoctorHost.Finding(facts, DoctorFindingIds.FirewallForwardDrop).Severity);
    }
}
