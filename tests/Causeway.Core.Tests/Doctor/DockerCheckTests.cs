using Causeway.Core.Doctor;
using Causeway.Core.Nft;
using Xunit;

namespace Causeway.Core.Tests.Doctor;

public sealed class DockerCheckTests
{
    private static DoctorFinding Docker(DoctorFacts facts) => DoctorHost.Finding(facts, DoctorFindingIds.FirewallDocker);

    private static DoctorFacts With(NftTableListing docker, bool dockerd = true)
    {
        var host = DoctorHost.Healthy();
        return host with
        {
            Nftables = Observed.Of(DoctorHost.Ruleset(DoctorHost.CausewayTable(), docker)),
            Firewall = host.Firewall with { Running = dockerd ? [FirewallFacts.Dockerd] : [] },
        };
    }

    [Fact]
    public void Dockers_forward_drop_is_a_problem_whose_fix_accepts_Causeways_devices_in_DOCKER_USER()
    {
        var finding = Docker(With(DoctorHost.DockerFilter()));

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.StartsWith("table ip filter chain FORWARD (policy drop): Docker drops forwarded traffic by default", finding.Seen, StringComparison.Ordinal);
        Assert.StartsWith(
            $"iptables -I DOCKER-USER -i {DoctorHost.Overlay} -o tuncw0 -j ACCEPT && iptables -I DOCKER-USER -i tuncw0 -o {DoctorHost.Overlay} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
            finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void With_an_overlay_gateway_the_fix_forwards_the_access_servers_to_the_overlay()
    {
        var host = DoctorHost.Facts(DoctorHost.GatewaySettings());
        var facts = host with { Nftables = Observed.Of(DoctorHost.Ruleset(DoctorHost.DockerFilter())) };

        var finding = Docker(facts);

        Assert.StartsWith($"iptables -I DOCKER-USER -i tuncw-udp -o {DoctorHost.Overlay} -j ACCEPT", finding.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain($"-i {DoctorHost.Overlay} -o {DoctorHost.Overlay}", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Docker_alone_returning_from_DOCKER_USER_is_still_a_problem()
    {
        Assert.Equal(DoctorSeverity.Problem, Docker(With(DoctorHost.DockerFilter(userRules: 1))).Severity);
    }

    [Fact]
    public void Rules_of_the_hosts_in_DOCKER_USER_make_it_a_warning()
    {
        var finding = Docker(With(DoctorHost.DockerFilter(userRules: 3)));

        Assert.Equal(DoctorSeverity.Warning, finding.Severity);
        Assert.Contains("DOCKER-USER has 3 rules of the host's", finding.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockers_chains_with_forward_accepting_are_ok()
    {
        Assert.Equal(DoctorSeverity.Ok, Docker(With(DoctorHost.DockerFilter(policy: "accept"))).Severity);
    }

    [Fact]
    public void No_Docker_is_ok_and_dockerd_without_chains_in_nftables_is_a_warning_about_iptables_legacy()
    {
        var none = DoctorHost.Healthy();
        var legacy = none with { Firewall = none.Firewall with { Running = [FirewallFacts.Dockerd] } };

        Assert.Equal((DoctorSeverity.Ok, "no Docker chains"), (Docker(none).Severity, Docker(none).Seen));
        Assert.Equal(DoctorSeverity.Warning, Docker(legacy).Severity);
        Assert.StartsWith("iptables-legacy -I DOCKER-USER", Docker(legacy).Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerd_running_without_root_to_read_its_chains_is_unchecked()
    {
        var host = DoctorHost.Healthy();
        var facts = host with
        {
            IsRoot = false,
            Nftables = Observed.Unread<NftRuleset>("reading nftables needs root", needsRoot: true),
            Firewall = host.Firewall with { Running = [FirewallFacts.Dockerd] },
        };

        Assert.Equal((DoctorSeverity.Unchecked, "sudo causeway doctor"), (Docker(facts).Severity, Docker(facts).Fix));
    }
}
