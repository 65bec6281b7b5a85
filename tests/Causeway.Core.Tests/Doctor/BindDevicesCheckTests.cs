using System.Collections.Immutable;
using Causeway.Core.Doctor;
using Causeway.Core.Netlink;
using Xunit;

namespace Causeway.Core.Tests.Doctor;

public sealed class BindDevicesCheckTests
{
    private static DoctorFacts WithLinks(DoctorFacts facts, params IpLink[] more) =>
        facts with { Links = Observed.Of(facts.Links.Value.AddRange(more)) };

    private static DoctorFinding Bind(DoctorFacts facts) => DoctorHost.Finding(facts, DoctorFindingIds.ZeroTierBindDevices);

    [Fact]
    public void Tunnel_devices_named_tun_are_ok()
    {
        var finding = Bind(WithLinks(DoctorHost.Healthy(), DoctorHost.Link(9, "tun0", "tun"), DoctorHost.Link(10, "tap-lab", "tun")));

        Assert.Equal(DoctorSeverity.Ok, finding.Severity);
        Assert.Equal($"tun/tap devices now: {DoctorHost.Overlay}, tuncw0, tun0, tap-lab, all skipped by zerotier-one; Causeway's (tuncw0) start with \"tun\"", finding.Seen);
    }

    [Fact]
    public void Another_VPNs_device_ZeroTier_would_bind_to_is_a_problem_with_both_fixes()
    {
        var finding = Bind(WithLinks(DoctorHost.Healthy(), DoctorHost.Link(9, "vpn0", "tun")));

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.StartsWith("zerotier-one would bind to vpn0", finding.Seen, StringComparison.Ordinal);
        Assert.Contains("dev tun-vpn0", finding.Fix, StringComparison.Ordinal);
        Assert.Contains("/var/lib/zerotier-one/local.conf set {\"settings\": {\"interfacePrefixBlacklist\": [\"vpn0\"]}}", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_that_is_no_tunnel_is_none_of_its_business()
    {
        var finding = Bind(WithLinks(DoctorHost.Healthy(), DoctorHost.Link(9, "wg0", "wireguard"), DoctorHost.Link(10, "br0", "bridge")));

        Assert.Equal(DoctorSeverity.Ok, finding.Severity);
    }

    [Fact]
    public void A_prefix_in_local_conf_makes_zerotier_skip_it_and_the_fix_keeps_the_existing_ones()
    {
        var facts = WithLinks(DoctorHost.Healthy(), DoctorHost.Link(9, "vpn0", "tun"), DoctorHost.Link(10, "ovpn1", "tun"));
        facts = facts with { ZeroTierHome = facts.ZeroTierHome with { PrefixBlacklist = Observed.Of<ImmutableArray<string>>(["vpn"]) } };

        var finding = Bind(facts);

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.StartsWith("zerotier-one would bind to ovpn1:", finding.Seen, StringComparison.Ordinal);
        Assert.Contains("[\"vpn\", \"ovpn1\"]", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_config_it_is_a_warning_if_zerotier_is_installed_and_ok_if_not()
    {
        var installed = WithLinks(DoctorHost.WithoutConfig(), DoctorHost.Link(9, "vpn0", "tun"));
        var absent = installed with { ZeroTierHome = installed.ZeroTierHome with { Exists = false } };

        Assert.Equal(DoctorSeverity.Warning, Bind(installed).Severity);
        Assert.Equal(DoctorSeverity.Ok, Bind(absent).Severity);
        Assert.Contains("which is not installed here", Bind(absent).Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_local_conf_is_said_and_the_check_goes_on_without_it()
    {
        var facts = DoctorHost.Healthy() with
        {
            ZeroTierHome = DoctorHost.Healthy().ZeroTierHome with { PrefixBlacklist = Observed.Unread<ImmutableArray<string>>("/var/lib/zerotier-one is root's", needsRoot: true) },
        };

        var finding = Bind(facts);

        Assert.Equal(DoctorSeverity.Ok, finding.Severity);
        Assert.EndsWith("(local.conf not read: /var/lib/zerotier-one is root's)", finding.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void Devices_that_could_not_be_listed_are_unchecked()
    {
        var finding = Bind(DoctorHost.Healthy() with { Links = Observed.Unread<ImmutableArray<IpLink>>("ip is not usable (program.ip)") });

        Assert.Equal(DoctorSeverity.Unchecked, finding.Severity);
    }
}
