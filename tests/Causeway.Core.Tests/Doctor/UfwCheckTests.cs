using Causeway.Core.Doctor;
using Xunit;

namespace Causeway.Core.Tests.Doctor;

public sealed class UfwCheckTests
{
    private static readonly string RouteRule = $"-A ufw-user-forward -i {DoctorHost.Overlay} -o tuncw0 -j ACCEPT";

    private static DoctorFinding Ufw(UfwFacts ufw, DoctorFacts? facts = null)
    {
        var host = facts ?? DoctorHost.Healthy();
        return DoctorHost.Finding(host with { Firewall = host.Firewall with { Ufw = ufw } }, DoctorFindingIds.FirewallUfw);
    }

    private static UfwFacts Enabled(string forward = "DROP", string input = "DROP", string rules = "") => new(true, forward, input, Observed.Of(rules));

    [Fact]
    public void No_ufw_or_ufw_disabled_is_ok()
    {
        Assert.Equal((DoctorSeverity.Ok, "ufw is not installed"), (Ufw(UfwFacts.NotInstalled).Severity, Ufw(UfwFacts.NotInstalled).Seen));
        Assert.Equal(DoctorSeverity.Ok, Ufw(Enabled() with { Enabled = false }).Severity);
    }

    [Fact]
    public void Ufw_dropping_forwarded_traffic_is_a_problem_whose_fix_is_the_route_rule()
    {
        var finding = Ufw(Enabled());

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.StartsWith("ufw is enabled with DEFAULT_FORWARD_POLICY=\"DROP\"", finding.Seen, StringComparison.Ordinal);
        Assert.Equal($"ufw route allow in on {DoctorHost.Overlay} out on tuncw0", finding.Fix);
    }

    [Fact]
    public void The_route_rule_in_place_makes_it_ok()
    {
        var rules = $"*filter\n:ufw-user-input - [0:0]\n### tuple ### route:allow any any 0.0.0.0/0 any 0.0.0.0/0 in_{DoctorHost.Overlay}!out_tuncw0\n{RouteRule}\nCOMMIT\n";

        var finding = Ufw(Enabled(rules: rules));

        Assert.Equal((DoctorSeverity.Ok, "ufw is enabled, and its rules allow Causeway's traffic"), (finding.Severity, finding.Seen));
    }

    [Fact]
    public void With_access_servers_their_devices_and_ports_are_needed_too()
    {
        var duo = DoctorHost.Facts(DoctorHost.Settings(extra: "[access]\npublic_address = \"vpn.example.net\""));

        var finding = Ufw(Enabled(rules: RouteRule), duo);

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.Equal(
            "ufw route allow in on tuncw-udp out on tuncw0 && ufw route allow in on tuncw-tcp out on tuncw0 && ufw allow 1194/udp && ufw allow 443/tcp",
            finding.Fix);
    }

    [Fact]
    public void Forwarding_allowed_but_the_access_ports_closed_is_a_problem_about_the_ports()
    {
        var duo = DoctorHost.Facts(DoctorHost.Settings(extra: "[access]\npublic_address = \"vpn.example.net\""));

        var finding = Ufw(Enabled(forward: "ACCEPT", rules: "-A ufw-user-input -p udp --dport 1194 -j ACCEPT"), duo);

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.StartsWith("ufw is enabled with DEFAULT_INPUT_POLICY=\"DROP\": phones cannot reach", finding.Seen, StringComparison.Ordinal);
        Assert.Equal("ufw allow 443/tcp", finding.Fix);
    }

    [Fact]
    public void Ufw_accepting_forwarded_traffic_is_ok()
    {
        Assert.Equal(DoctorSeverity.Ok, Ufw(Enabled(forward: "ACCEPT")).Severity);
    }

    [Fact]
    public void Rules_only_root_may_read_are_unchecked()
    {
        var finding = Ufw(Enabled() with { UserRules = Observed.Unread<string>("/etc/ufw/user.rules is root's", needsRoot: true) });

        Assert.Equal((DoctorSeverity.Unchecked, "sudo causeway doctor"), (finding.Severity, finding.Fix));
    }
}
