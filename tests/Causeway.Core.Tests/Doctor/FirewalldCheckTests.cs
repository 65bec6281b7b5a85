using System.Collections.Immutable;
using Causeway.Core.Doctor;
using Xunit;

namespace Causeway.Core.Tests.Doctor;

public sealed class FirewalldCheckTests
{
    private static DoctorFinding Firewalld(string zone, DoctorFacts? facts = null, bool running = true)
    {
        var host = facts ?? DoctorHost.Healthy();
        var firewall = host.Firewall with
        {
            Running = running ? [FirewallFacts.Firewalld] : ImmutableHashSet<string>.Empty,
            FirewalldTrustedZone = Observed.Of(zone),
        };
        return DoctorHost.Finding(host with { Firewall = firewall }, DoctorFindingIds.FirewallFirewalld);
    }

    [Fact]
    public void No_firewalld_is_ok()
    {
        Assert.Equal((DoctorSeverity.Ok, "firewalld is not running"), (Firewalld(string.Empty, running: false).Severity, Firewalld(string.Empty, running: false).Seen));
    }

    [Fact]
    public void Firewalld_without_Causeways_devices_in_its_trusted_zone_is_a_problem_whose_fix_puts_them_there()
    {
        var finding = Firewalld(string.Empty);

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.Equal($"firewall-cmd --permanent --zone=trusted --add-interface={DoctorHost.Overlay} --add-interface=tuncw0 && firewall-cmd --reload", finding.Fix);
    }

    [Fact]
    public void Its_table_alone_is_enough_to_know_it_runs()
    {
        var facts = DoctorHost.Healthy() with
        {
            Nftables = Observed.Of(DoctorHost.Ruleset(DoctorHost.CausewayTable(), DoctorHost.Table("inet", "firewalld", [DoctorHost.BaseChain("filter_FORWARD", "forward", "accept")]))),
        };

        var finding = Firewalld(string.Empty, facts, running: false);

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.StartsWith("firewalld's table (inet firewalld) is loaded", finding.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_device_in_the_trusted_zone_is_ok()
    {
        var zone = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <zone target="ACCEPT">
              <short>Trusted</short>
              <interface name="{DoctorHost.Overlay}"/>
              <interface name="tuncw0"/>
            </zone>
            """;

        Assert.Equal(DoctorSeverity.Ok, Firewalld(zone).Severity);
    }

    [Fact]
    public void With_access_servers_the_fix_also_opens_their_ports()
    {
        var duo = DoctorHost.Facts(DoctorHost.Settings(extra: "[access]\npublic_address = \"vpn.example.net\""));

        var finding = Firewalld(string.Empty, duo);

        Assert.Contains("--add-interface=tuncw-udp --add-interface=tuncw-tcp", finding.Fix, StringComparison.Ordinal);
        Assert.Contains("firewall-cmd --permanent --add-port=1194/udp --add-port=443/tcp", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zone_only_root_may_read_is_unchecked()
    {
        var host = DoctorHost.Healthy();
        var facts = host with
        {
            Firewall = host.Firewall with { Running = [FirewallFacts.Firewalld], FirewalldTrustedZone = Observed.Unread<string>("root's", needsRoot: true) },
        };

        Assert.Equal(DoctorSeverity.Unchecked, DoctorHost.Finding(facts, DoctorFindingIds.FirewallFirewalld).Severity);
    }
}
