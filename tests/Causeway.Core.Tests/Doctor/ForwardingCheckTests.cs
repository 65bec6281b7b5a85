using Causeway.Core.Doctor;
using Causeway.Core.Nft;
using Xunit;

namespace Causeway.Core.Tests.Doctor;

public sealed class ForwardingCheckTests
{
    private static DoctorFinding Forwarding(DoctorFacts facts) => DoctorHost.Finding(facts, DoctorFindingIds.IpForward);

    private static DoctorFacts WithoutKillSwitch() => DoctorHost.Healthy() with { Nftables = Observed.Of(DoctorHost.Ruleset()) };

    [Fact]
    public void Forwarding_behind_Causeways_table_is_ok()
    {
        var finding = Forwarding(DoctorHost.Healthy());

        Assert.Equal((DoctorSeverity.Ok, "net.ipv4.ip_forward=1, behind Causeway's kill switch (table inet causeway)"), (finding.Severity, finding.Seen));
    }

    [Fact]
    public void Forwarding_off_is_ok_as_up_turns_it_on_itself()
    {
        var finding = Forwarding(WithoutKillSwitch().WithSysctl("net.ipv4.ip_forward", "0"));

        Assert.Equal(DoctorSeverity.Ok, finding.Severity);
        Assert.StartsWith("forwarding is off", finding.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void Forwarding_on_without_the_kill_switch_is_a_warning_that_traffic_would_pass_in_clear()
    {
        var finding = Forwarding(WithoutKillSwitch());

        Assert.Equal(DoctorSeverity.Warning, finding.Severity);
        Assert.Contains("in clear", finding.Seen, StringComparison.Ordinal);
        Assert.Contains("sysctl -w net.ipv4.ip_forward=0", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void IPv6_forwarding_on_without_the_kill_switch_is_named_in_the_warning_and_its_fix()
    {
        var finding = Forwarding(WithoutKillSwitch().WithSysctl("net.ipv4.ip_forward", "0").WithSysctl("net.ipv6.conf.all.forwarding", "1"));

        Assert.Equal(DoctorSeverity.Warning, finding.Severity);
        Assert.StartsWith("net.ipv6.conf.all.forwarding=1, but", finding.Seen, StringComparison.Ordinal);
        Assert.Contains("sysctl -w net.ipv6.conf.all.forwarding=0,", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_instances_table_name_is_the_one_looked_for()
    {
        var settings = DoctorHost.Settings(extra: "[instance]\nnft_table = \"cw2\"");

        var finding = Forwarding(DoctorHost.Facts(settings));

        Assert.Equal(DoctorSeverity.Warning, finding.Severity);
        Assert.Contains("(table inet cw2) is not in place", finding.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_root_the_table_cannot_be_seen_so_forwarding_on_is_unchecked()
    {
        var facts = DoctorHost.Healthy() with { IsRoot = false, Nftables = Observed.Unread<NftRuleset>("reading nftables needs root", needsRoot: true) };

        var finding = Forwarding(facts);

        Assert.Equal((DoctorSeverity.Unchecked, "sudo causeway doctor"), (finding.Severity, finding.Fix));
    }

    [Fact]
    public void An_unreadable_setting_is_unchecked()
    {
        var finding = Forwarding(DoctorHost.Healthy().WithSysctl("net.ipv4.ip_forward", null));

        Assert.Equal(DoctorSeverity.Unchecked, finding.Severity);
    }
}
