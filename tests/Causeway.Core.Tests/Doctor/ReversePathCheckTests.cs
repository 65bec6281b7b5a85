using System.Collections.Immutable;
using Causeway.Core.Doctor;
using Causeway.Core.Netlink;
using CsCheck;
using Xunit;

namespace Causeway.Core.Tests.Doctor;

public sealed class ReversePathCheckTests
{
    private const string All = "net.ipv4.conf.all.rp_filter";
    private static readonly string Tun = $"net.ipv4.conf.{DoctorHost.Tun}.rp_filter";

    private static DoctorFinding RpFilter(DoctorFacts facts) => DoctorHost.Finding(facts, DoctorFindingIds.RpFilter);

    [Fact]
    public void Loose_on_the_tunnel_is_ok()
    {
        var finding = RpFilter(DoctorHost.Healthy());

        Assert.Equal((DoctorSeverity.Ok, "loose on tuncw0 (all=0, tuncw0=2)"), (finding.Severity, finding.Seen));
    }

    [Fact]
    public void Strict_on_the_tunnel_is_a_problem_whose_fix_sets_it_loose()
    {
        var finding = RpFilter(DoctorHost.Healthy().WithSysctl(Tun, "1"));

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.StartsWith("strict on tuncw0 (all=0, tuncw0=1): replies from the internet", finding.Seen, StringComparison.Ordinal);
        Assert.StartsWith("sysctl -w net.ipv4.conf.tuncw0.rp_filter=2", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_for_all_devices_is_strict_on_a_tunnel_left_at_0()
    {
        var finding = RpFilter(DoctorHost.Healthy().WithSysctl(All, "1").WithSysctl(Tun, "0"));

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
    }

    [Fact]
    public void Strict_for_all_devices_is_loose_on_a_tunnel_set_to_2_as_Causeway_sets_it()
    {
        var finding = RpFilter(DoctorHost.Healthy().WithSysctl(All, "1"));

        Assert.Equal(DoctorSeverity.Ok, finding.Severity);
        Assert.Contains($"strict on {DoctorHost.Overlay}, which is fine: clients' sources are on those devices' own subnets", finding.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void With_an_overlay_gateway_the_overlay_is_the_egress_and_is_the_one_checked()
    {
        var facts = DoctorHost.Facts(DoctorHost.GatewaySettings())
            .WithSysctl($"net.ipv4.conf.{DoctorHost.Overlay}.rp_filter", "1");

        var finding = RpFilter(facts);

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.StartsWith($"strict on {DoctorHost.Overlay}", finding.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tunnel_not_there_yet_is_ok_and_says_it_starts_strict_when_new_devices_do()
    {
        var facts = DoctorHost.Healthy() with { Links = Observed.Of<ImmutableArray<IpLink>>([DoctorHost.Link(1, "lo", null)]) };

        var finding = RpFilter(facts.WithSysctl("net.ipv4.conf.default.rp_filter", "1"));

        Assert.Equal(DoctorSeverity.Ok, finding.Severity);
        Assert.StartsWith("tuncw0 does not exist now", finding.Seen, StringComparison.Ordinal);
        Assert.Contains("it will start strict", finding.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void The_effective_value_is_the_larger_of_all_and_the_device_and_only_strict_is_a_problem()
    {
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 2]).Sample((all, device) =>
        {
            var finding = RpFilter(DoctorHost.Healthy().WithSysctl(All, $"{all}").WithSysctl(Tun, $"{device}"));

            Assert.Equal(Math.Max(all, device) == 1 ? DoctorSeverity.Problem : DoctorSeverity.Ok, finding.Severity);
        });
    }
}
