using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Causeway.Core.Doctor;
using Causeway.Engine.Seams;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// `causeway doctor` as users run it: the NativeAOT binary (its JSON is source-generated, so a missing context fails
/// here), in a network namespace of the test's own, where findings are made to fire for real without touching the
/// host: a tunnel device zerotier-one would bind to, a foreign rule at Causeway's priority, Docker's forward drop,
/// forwarding on without the kill switch, strict rp_filter on the tunnel, zerotier-one not running.
/// </summary>
public sealed class DoctorTests
{
    private const UnixFileMode Mode0644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Doctor_json_parses_has_every_finding_id_and_its_exit_code_says_whether_one_is_a_problem()
    {
        await using var scope = NetnsScope.Create();
        var ns = await scope.AddNamespaceAsync("doc");

        foreach (var wrapper in new[] { Array.Empty<string>(), ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] })
        {
            var result = await DoctorAsync(ns, [.. wrapper, CausewayBinary.Path, "doctor", "--json"]);

            using var report = Parse(result);
            var root = report.RootElement;
            Assert.Equal(DoctorReport.CurrentVersion, root.GetProperty("version").GetInt32());
            Assert.Equal(wrapper.Length == 0, root.GetProperty("root").GetBoolean());
            Assert.Equal(DoctorFindingIds.All, root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
            Assert.All(root.GetProperty("findings").EnumerateArray(), f =>
                Assert.Contains(f.GetProperty("severity").GetString(), new[] { "ok", "warning", "problem", "unchecked" }));
            var problems = root.GetProperty("summary").GetProperty("problems").GetInt32();
            Assert.True(result.ExitCode == (problems > 0 ? 1 : 0), Describe(result));
            Assert.Equal("ok", Severity(report, DoctorFindingIds.TunDevice));
            if (wrapper.Length > 0)
            {
                // Reading nftables needs root: said, with the way to check it.
                var forwardDrop = Finding(report, DoctorFindingIds.FirewallForwardDrop);
                Assert.Equal(("unchecked", "sudo causeway doctor"), (forwardDrop.GetProperty("severity").GetString(), forwardDrop.GetProperty("fix").GetString()));
            }
        }
    }

    [Fact]
    public async Task Findings_fire_for_real_in_a_namespace_and_doctor_changes_nothing_there()
    {
        await using var scope = NetnsScope.Create();
        var ns = await scope.AddNamespaceAsync("doc");
        using var directory = new TempDirectory();
        var config = WriteConfig(directory.Path);

        // Another VPN's tunnel named so that zerotier-one would bind to it; Causeway's tunnel device, strict.
        await scope.ExecAsync(ns, "ip", "tuntap", "add", "dev", "vpn0", "mode", "tun");
        await scope.ExecAsync(ns, "ip", "tuntap", "add", "dev", "tuncw0", "mode", "tun");
        await scope.ExecAsync(ns, "sysctl", "-q", "-w", "net.ipv4.conf.tuncw0.rp_filter=1");
        // Forwarding on (the namespace's own setting) with no kill switch; a foreign rule at Causeway's priority.
        await scope.ExecAsync(ns, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        await scope.ExecAsync(ns, "ip", "rule", "add", "priority", "7270", "fwmark", "0x1", "lookup", "100");
        // Docker's iptables-nft table, and another table of someone's that drops what it forwards.
        await scope.ExecAsync(ns, "nft", "add", "table", "ip", "filter");
        await scope.ExecAsync(ns, "nft", "add", "chain", "ip", "filter", "FORWARD", "{", "type", "filter", "hook", "forward", "priority", "0", ";", "policy", "drop", ";", "}");
        await scope.ExecAsync(ns, "nft", "add", "chain", "ip", "filter", "DOCKER-USER");
        await scope.ExecAsync(ns, "nft", "add", "chain", "ip", "filter", "DOCKER");
        await scope.ExecAsync(ns, "nft", "add", "table", "inet", "strict");
        await scope.ExecAsync(ns, "nft", "add", "chain", "inet", "strict", "forwarding", "{", "type", "filter", "hook", "forward", "priority", "10", ";", "policy", "drop", ";", "}");
        var before = await NamespaceSnapshot.CaptureAsync(ns, Ct);

        var json = await DoctorAsync(ns, [CausewayBinary.Path, "doctor", "--config", config, "--json"]);
        var text = await DoctorAsync(ns, [CausewayBinary.Path, "doctor", "--config", config]);

        Assert.True(json.ExitCode == 1, Describe(json));
        using var report = Parse(json);
        Assert.Equal(config, report.RootElement.GetProperty("config").GetString());
        Assert.True(Severity(report, DoctorFindingIds.Config) == "ok", Finding(report, DoctorFindingIds.Config).GetRawText());
        AssertFinding(report, DoctorFindingIds.ZeroTierBindDevices, "problem", "zerotier-one would bind to vpn0");
        AssertFinding(report, DoctorFindingIds.PolicyRouting, "problem", "IPv4 prio 7270 from all fwmark 0x1 lookup 100");
        AssertFinding(report, DoctorFindingIds.IpForward, "warning", "net.ipv4.ip_forward=1, but Causeway's kill switch (table inet causeway) is not in place");
        AssertFinding(report, DoctorFindingIds.FirewallDocker, "problem", "table ip filter chain FORWARD (policy drop)");
        AssertFinding(report, DoctorFindingIds.FirewallForwardDrop, "problem", "table inet strict chain forwarding: policy drop");
        AssertFinding(report, DoctorFindingIds.RpFilter, "problem", "strict on tuncw0");
        AssertFinding(report, DoctorFindingIds.ZeroTierApi, "problem", "zerotier-one is not running on 127.0.0.1:");
        Assert.Equal("ok", Severity(report, DoctorFindingIds.ZeroTierToken));

        Assert.True(text.ExitCode == 1, Describe(text));
        Assert.Contains("✗ zerotier.bind-devices", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("      fix: name the device so it starts with \"tun\"", text.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"\n[0-9]+ ok, ([0-9]+ warnings?, )?[0-9]+ problems", text.StandardOutput);

        var after = await NamespaceSnapshot.CaptureAsync(ns, Ct);
        Assert.True(before.DifferencesTo(after).IsEmpty, $"doctor changed the namespace:\n{NamespaceSnapshot.Diff(before, after)}");
    }

    [Fact]
    public async Task A_config_with_errors_is_bad_input_exit_2_and_the_report_still_comes()
    {
        await using var scope = NetnsScope.Create();
        var ns = await scope.AddNamespaceAsync("doc");
        using var directory = new TempDirectory();
        var config = WriteConfig(directory.Path, extra: "device = \"vpn0\"\n");

        var result = await DoctorAsync(ns, [CausewayBinary.Path, "doctor", "--config", config, "--json"]);

        Assert.True(result.ExitCode == 2, Describe(result));
        using var report = Parse(result);
        AssertFinding(report, DoctorFindingIds.Config, "problem", "egress.device: \"vpn0\" must start with \"tun\"");
        Assert.Equal(DoctorFindingIds.All.Count, report.RootElement.GetProperty("findings").GetArrayLength());
    }

    /// <summary>
    /// A ZeroTier overlay whose zerotier-one has a token but does not listen (a port nothing listens on), a provider
    /// profile and auth file Causeway accepts; everything in <paramref name="directory"/>.
    /// </summary>
    private static string WriteConfig(string directory, string extra = "")
    {
        File.SetUnixFileMode(directory, Mode0644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var home = Directory.CreateDirectory(Path.Combine(directory, "zerotier-one")).FullName;
        File.WriteAllText(Path.Combine(home, "authtoken.secret"), "doctor-test-token");
        File.WriteAllText(Path.Combine(home, "zerotier-one.port"), FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Write(directory, "provider.ovpn", BadInputWorld.GoodProfile + "auth-user-pass\n", Mode0644);
        Write(directory, "provider.auth", "user\nsecret\n", Mode0600);
        return Write(directory, "causeway.toml", $"""
            [instance]
            state_dir = "{directory}/state"
            run_dir = "{directory}/run"

            [overlay]
            zerotier_network = "8bd5124fd6f4d0a1"
            zerotier_home = "{home}"

            [egress]
            profile = "provider.ovpn"
            auth = "provider.auth"
            {extra}
            """, Mode0644);
    }

    private static string Write(string directory, string name, string content, UnixFileMode mode)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    /// <summary>A loopback port nothing listens on (zerotier-one not started): connections are refused.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task<CommandResult> DoctorAsync(string ns, string[] command) =>
        new ProcessCommandRunner().RunAsync(new CommandSpec("ip", ["netns", "exec", ns, .. command], Timeout: TimeSpan.FromMinutes(1)), Ct);

    private static JsonDocument Parse(CommandResult result)
    {
        try
        {
            return JsonDocument.Parse(result.StandardOutput);
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"doctor --json printed no JSON ({e.Message}):\n{Describe(result)}");
        }
    }

    private static JsonElement Finding(JsonDocument report, string id) =>
        report.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == id);

    private static string? Severity(JsonDocument report, string id) => Finding(report, id).GetProperty("severity").GetString();

    private static void AssertFinding(JsonDocument report, string id, string severity, string seen)
    {
        var finding = Finding(report, id);
        var said = $"{id}: {finding.GetRawText()}";
        Assert.True(finding.GetProperty("severity").GetString() == severity, said);
        Assert.True(finding.GetProperty("seen").GetString()!.Contains(seen, StringComparison.Ordinal), said);
        if (severity is "problem" or "warning")
        {
            Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("fix").GetString()), said);
        }
    }

    private static string Describe(CommandResult result) =>
        $"exit {result.ExitCode}\n--- stdout ---\n{result.StandardOutput}\n--- stderr ---\n{result.StandardError}";
}
