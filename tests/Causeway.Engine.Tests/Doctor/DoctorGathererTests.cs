using System.Net;
using Causeway.Core.Doctor;
using Causeway.Engine.Composition;
using Causeway.Engine.Doctor;
using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.Doctor;

/// <summary>
/// What `causeway doctor` reads, and how, through the seams: exactly the commands scripted (the strict runner fails on
/// any other), no writes, and what it cannot read without root said as such.
/// </summary>
public sealed class DoctorGathererTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task As_root_it_reads_the_config_programs_network_zerotier_firewalls_and_clock_and_changes_nothing()
    {
        var host = new DoctorHostScript();

        var facts = await host.GatherAsync(cancellationToken: Ct);

        Assert.True(facts.Config.State == DoctorConfigState.Valid, string.Join("\n", facts.Config.Lines));
        Assert.Equal(DoctorHostScript.ConfigPath, facts.Config.Settings!.ConfigPath);
        Assert.Equal(new TunDeviceFacts("/dev/net/tun", true, true, "a character device", 10, 200), facts.TunDevice);
        Assert.Equal(
            ["ip utility, iproute2-6.1.0, libbpf 1.1.2", "nftables v1.0.6 (Lester Gooch #5)", "OpenVPN 2.6.3", null, null],
            facts.Programs.Select(p => p.VersionOutput?.Split(" x86_64")[0]));
        Assert.Equal(["/usr/sbin/ip", "/usr/sbin/nft", "/usr/sbin/openvpn", "/usr/sbin/conntrack", "/usr/sbin/setpriv"], facts.Programs.Select(p => p.Path));
        Assert.Equal([("lo", null), (DoctorHostScript.Overlay, "tun"), ("vpn0", "tun")], facts.Links.Value.Select(l => (l.Name, l.Kind)));
        Assert.Equal([0, 7270, 32766, 0, 32766], facts.Rules.Value.Select(r => r.Priority));
        Assert.Equal(["FORWARD", "DOCKER-USER", "DOCKER"], facts.Nftables.Value.FindTable("ip", "filter")!.Chains.Select(c => c.Name));
        Assert.Equal("1", facts.Sysctl("net.ipv4.ip_forward"));
        Assert.Equal("1", facts.Sysctl("net.ipv4.conf.vpn0.rp_filter"));
        Assert.Equal("212992", facts.Sysctl("net.core.rmem_max"));
        Assert.Null(facts.Sysctl($"net.ipv4.conf.{Core.Model.EgressSettings.DefaultDeviceName}.rp_filter"));
        Assert.Equal(ZeroTierApiOutcome.Answered, facts.ZeroTier!.Api!.Outcome);
        Assert.Equal((DoctorHostScript.Overlay, false), (facts.ZeroTier.Api.Network!.InterfaceName, facts.ZeroTier.Api.Network.AllowDefault));
        Assert.Equal(ZeroTierTokenState.Readable, facts.ZeroTier.Token.State);
        Assert.Equal([FirewallFacts.Dockerd], facts.Firewall.Running);
        Assert.False(facts.Firewall.Ufw.IsInstalled);
        Assert.Equal(DoctorHostScript.Now, facts.Clock.Now);
        Assert.Equal([DoctorHostScript.Now.AddDays(-100)], facts.Clock.Floors.Select(f => f.NotBefore));
        Assert.Empty(host.Files.Writes);
        Assert.Empty(host.Commands.Unexpected);
    }

    [Fact]
    public async Task Its_facts_make_the_findings_this_host_deserves()
    {
        var facts = await new DoctorHostScript().GatherAsync(cancellationToken: Ct);

        var findings = DoctorEvaluator.Evaluate(facts).ToDictionary(f => f.Id, f => f.Severity);

        Assert.Equal(DoctorSeverity.Problem, findings[DoctorFindingIds.FirewallDocker]);
        Assert.Equal(DoctorSeverity.Problem, findings[DoctorFindingIds.PolicyRouting]);
        Assert.Equal(DoctorSeverity.Problem, findings[DoctorFindingIds.ZeroTierBindDevices]);
        Assert.Equal(DoctorSeverity.Warning, findings[DoctorFindingIds.IpForward]);
        Assert.Equal(DoctorSeverity.Warning, findings[DoctorFindingIds.SocketBuffers]);
        Assert.Equal(DoctorSeverity.Ok, findings[DoctorFindingIds.ZeroTierApi]);
        Assert.Equal(DoctorSeverity.Ok, findings[DoctorFindingIds.ProgramOpenVpn]);
    }

    [Fact]
    public async Task As_a_user_what_needs_root_is_said_so_and_the_API_is_not_asked_without_its_token()
    {
        var host = new DoctorHostScript();
        host.Identity.IsRoot = false;
        host.Files.DenyRead($"{DoctorHostScript.ZeroTierHome}/authtoken.secret");
        host.Answer("nft -j list ruleset", string.Empty, 1, "netlink: Error: cache initialization failed: Operation not permitted\n");

        var facts = await host.GatherAsync(cancellationToken: Ct);

        Assert.False(facts.IsRoot);
        Assert.True(facts.Nftables.NeedsRoot);
        Assert.Equal(ZeroTierTokenState.NeedsRoot, facts.ZeroTier!.Token.State);
        Assert.Null(facts.ZeroTier.Api);
        Assert.Empty(host.ZeroTierRequests);
    }

    [Fact]
    public async Task A_config_only_root_may_read_is_not_bad_input_for_a_user()
    {
        var host = new DoctorHostScript();
        host.Identity.IsRoot = false;
        host.Files.DenyRead(DoctorHostScript.ConfigPath);

        var facts = await host.GatherAsync(cancellationToken: Ct);

        Assert.Equal(DoctorConfigState.NeedsRoot, facts.Config.State);
        Assert.Null(facts.ZeroTier);
        Assert.Empty(host.ZeroTierRequests);
    }

    [Fact]
    public async Task No_file_at_the_default_path_is_no_config_and_a_missing_file_named_with_config_is_bad_input()
    {
        var host = new DoctorHostScript();
        host.Files.Remove(DoctorHostScript.ConfigPath);

        var absent = await host.GatherAsync(cancellationToken: Ct);
        var named = await host.GatherAsync("/etc/causeway/other.toml", configIsDefault: false, cancellationToken: Ct);

        Assert.Equal(DoctorConfigState.Absent, absent.Config.State);
        Assert.Equal(DoctorConfigState.Invalid, named.Config.State);
        Assert.Contains("/etc/causeway/other.toml: error: config file not found", named.Config.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_with_an_error_is_invalid_with_its_file_line_and_column()
    {
        var host = new DoctorHostScript(DoctorHostScript.UnoConfig.Replace("profile = \"provider.ovpn\"", "profile = \"provider.ovpn\"\ndevice = \"vpn0\"", StringComparison.Ordinal));

        var facts = await host.GatherAsync(cancellationToken: Ct);

        Assert.Equal(DoctorConfigState.Invalid, facts.Config.State);
        Assert.Contains(facts.Config.Lines, l => l.StartsWith("/etc/causeway/causeway.toml:6:10: error: egress.device: \"vpn0\" must start with \"tun\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_program_is_not_run_and_what_needs_it_is_unread()
    {
        var host = new DoctorHostScript();
        host.Programs.Missing.Add("nft");

        var facts = await host.GatherAsync(cancellationToken: Ct);

        var nft = facts.Programs.Single(p => p.Name == "nft");
        Assert.Null(nft.Path);
        Assert.Contains("nft is not installed", nft.ResolveProblem, StringComparison.Ordinal);
        Assert.Equal("nft is not usable (program.nft)", facts.Nftables.WhyNot);
        Assert.DoesNotContain(host.Commands.Ran, c => c.StartsWith("nft", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_ip_that_prints_no_JSON_is_said_on_the_program()
    {
        var host = new DoctorHostScript();
        host.Answer("ip -N -json rule list", string.Empty, 255, "Option \"-json\" is unknown, try \"ip -help\".\n");

        var facts = await host.GatherAsync(cancellationToken: Ct);

        Assert.Contains("is unknown", facts.Programs.Single(p => p.Name == "ip").JsonProblem, StringComparison.Ordinal);
        Assert.False(facts.Rules.IsRead);
    }

    [Fact]
    public async Task Zerotier_one_not_listening_is_looked_at_again_for_3_seconds_then_not_running()
    {
        var host = new DoctorHostScript { ZeroTier = DoctorHostScript.Refused };

        var facts = await host.GatherAsync(cancellationToken: Ct);

        Assert.Equal(ZeroTierApiOutcome.NotRunning, facts.ZeroTier!.Api!.Outcome);
        Assert.StartsWith("zerotier-one is not running on 127.0.0.1:9993", facts.ZeroTier.Api.Message, StringComparison.Ordinal);
        Assert.EndsWith("; still so after 3 s", facts.ZeroTier.Api.Message, StringComparison.Ordinal);
        Assert.Equal(DoctorHostScript.Now + ZeroTierProbeWait, host.Clock.GetUtcNow());
        Assert.True(host.ZeroTierRequests.Count > 2, $"looked {host.ZeroTierRequests.Count} times");
    }

    [Fact]
    public async Task A_port_file_being_rewritten_that_fills_in_meanwhile_is_waited_through()
    {
        var host = new DoctorHostScript();
        host.Files.AddFile($"{DoctorHostScript.ZeroTierHome}/zerotier-one.port", string.Empty);
        var looks = 0;
        host.ZeroTier = request =>
        {
            looks++;
            return DoctorHostScript.Captured(request);
        };
        using var gatherer = host.Gatherer();
        var gathering = gatherer.GatherAsync(new DoctorRequest(DoctorHostScript.ConfigPath, true, null), Ct);

        // The first look finds the port file empty and waits; zerotier-one then writes it.
        var due = await host.Clock.NextTimerAsync(Ct);
        host.Files.AddFile($"{DoctorHostScript.ZeroTierHome}/zerotier-one.port", "9993");
        host.Clock.Fake.Advance(due);
        var facts = await host.Clock.DriveAsync(gathering, Ct);

        Assert.True(looks > 0, "zerotier-one was never asked");
        Assert.Equal(ZeroTierApiOutcome.Answered, facts.ZeroTier!.Api!.Outcome);
    }

    [Fact]
    public async Task A_port_file_that_stays_empty_is_a_zerotier_still_starting()
    {
        var host = new DoctorHostScript();
        host.Files.AddFile($"{DoctorHostScript.ZeroTierHome}/zerotier-one.port", string.Empty);

        var facts = await host.GatherAsync(cancellationToken: Ct);

        Assert.Equal(ZeroTierApiOutcome.Starting, facts.ZeroTier!.Api!.Outcome);
        Assert.Empty(host.ZeroTierRequests);
    }

    [Fact]
    public async Task A_network_still_not_listed_after_the_wait_is_not_joined()
    {
        var host = new DoctorHostScript(DoctorHostScript.UnoConfig.Replace(DoctorHostScript.NetworkId, "8bd5124fd6f4d0a1", StringComparison.Ordinal));

        var facts = await host.GatherAsync(cancellationToken: Ct);

        Assert.Equal(ZeroTierApiOutcome.NotJoined, facts.ZeroTier!.Api!.Outcome);
        Assert.Contains("ZeroTier network 8bd5124fd6f4d0a1 is not listed by zerotier-one (404)", facts.ZeroTier.Api.Message, StringComparison.Ordinal);
        Assert.Equal("zerotier-cli join 8bd5124fd6f4d0a1, then authorize this member on the network's controller",
            DoctorEvaluator.Evaluate(facts).Single(f => f.Id == DoctorFindingIds.ZeroTierApi).Fix);
    }

    [Fact]
    public async Task A_wrong_token_is_a_failure_at_once()
    {
        var host = new DoctorHostScript { ZeroTier = _ => DoctorHostScript.Json(HttpStatusCode.Unauthorized, "{}") };

        var facts = await host.GatherAsync(cancellationToken: Ct);

        Assert.Equal(ZeroTierApiOutcome.Failed, facts.ZeroTier!.Api!.Outcome);
        Assert.Equal(DoctorHostScript.Now, host.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Ufw_files_local_conf_and_firewalld_zone_are_read_and_roots_are_said_to_be()
    {
        var host = new DoctorHostScript();
        host.Identity.IsRoot = false;
        host.Files
            .AddFile(UfwFacts.ConfigPath, "# comment\nENABLED=yes\nLOGLEVEL=low\n")
            .AddFile(UfwFacts.DefaultsPath, "DEFAULT_INPUT_POLICY=\"DROP\"\nDEFAULT_FORWARD_POLICY=\"DROP\"\n")
            .AddFile(UfwFacts.UserRulesPath, "*filter\n", UnixFileMode.UserRead)
            .DenyRead(UfwFacts.UserRulesPath)
            .AddFile(FirewallFacts.TrustedZonePath, "<zone><interface name=\"zt2nvuuqiv\"/></zone>")
            .AddFile($"{DoctorHostScript.ZeroTierHome}/local.conf", """{"settings": {"interfacePrefixBlacklist": ["vpn"]}}""");

        var facts = await host.GatherAsync(cancellationToken: Ct);

        Assert.Equal((true, "DROP", "DROP"), (facts.Firewall.Ufw.Enabled, facts.Firewall.Ufw.ForwardPolicy, facts.Firewall.Ufw.InputPolicy));
        Assert.True(facts.Firewall.Ufw.UserRules.NeedsRoot);
        Assert.Contains("zt2nvuuqiv", facts.Firewall.FirewalldTrustedZone.Value, StringComparison.Ordinal);
        Assert.Equal(["vpn"], facts.ZeroTierHome.PrefixBlacklist.Value);
    }

    [Fact]
    public async Task With_access_the_CA_and_server_certificate_are_floors_for_the_clock()
    {
        var config = DoctorHostScript.UnoConfig + "\n[instance]\nstate_dir = \"/var/lib/causeway\"\n\n[access]\npublic_address = \"vpn.example.net\"\n";
        var host = new DoctorHostScript(config);
        var caStart = DoctorHostScript.Now.AddDays(-3);
        using var authority = Core.Pki.CertificateAuthority.Create("Doctor Access CA", caStart, TimeSpan.FromDays(365));
        host.Files.AddFile("/var/lib/causeway/.causeway-owned", "causeway\n");
        host.Files.AddFile("/var/lib/causeway/access/ca.crt", authority.CertificatePem, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        host.Files.AddFile("/var/lib/causeway/access/server.crt", "damaged", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var facts = await host.GatherAsync(cancellationToken: Ct);

        Assert.True(facts.Config.State == DoctorConfigState.Valid, string.Join("\n", facts.Config.Lines));
        var ca = Assert.Single(facts.Clock.Floors, f => f.What == "the access CA's validity start");
        Assert.InRange(ca.NotBefore, caStart.AddDays(-1), caStart);
        Assert.Contains(facts.Clock.Unread, u => u.StartsWith("/var/lib/causeway/access/server.crt: no '-----BEGIN CERTIFICATE-----' block", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_composition_root_builds_it_over_the_machine()
    {
        var host = new DoctorHostScript();
        using var root = new CompositionRoot(new Machine(host.Files, host.Runner(), new FakeProcessLauncher(), new OpenVpn.FlakyConnector(0),
            host.Identity, new FakeSignals(), host.Programs, () => new ScriptedTunnelProbe(), host.Clock));
        host.Files.Remove(DoctorHostScript.ConfigPath);
        using var doctor = root.Doctor();

        var facts = await doctor.GatherAsync(new DoctorRequest(DoctorHostScript.ConfigPath, true, null), Ct);

        Assert.Equal(DoctorConfigState.Absent, facts.Config.State);
        Assert.Equal(["ip", "nft", "openvpn", "conntrack", "setpriv"], host.Programs.Resolved);
    }

    private static readonly TimeSpan ZeroTierProbeWait = ZeroTierProbe.StartingWait;
}
