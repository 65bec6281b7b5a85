using System.Net;
using System.Text.Json;
using Causeway.Lab.Backbone;
using Causeway.Lab.Json;
using Causeway.Lab.Leaks;
using Causeway.Lab.Machine;
using Causeway.Lab.Probes;
using Causeway.Lab.Services;
using Causeway.Lab.State;
using Causeway.Lab.Uno;
using Causeway.Lab.Worlds;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Lab.Tests;

/// <summary>The lab's pure pieces: counters, /proc parsing, names, generated files (no root needed).</summary>
public sealed class LabPiecesTests
{
    [Fact]
    public void Nft_counters_are_read_by_comment_and_summed_per_comment()
    {
        const string json = """
            {"nftables": [{"metainfo": {"version": "1.0.6"}}, {"table": {"family": "netdev", "name": "t", "handle": 1}},
             {"rule": {"family": "netdev", "table": "t", "chain": "c", "handle": 2, "comment": "transport", "expr": [{"match": {"op": "==", "left": {"meta": {"key": "protocol"}}, "right": "arp"}}, {"counter": {"packets": 5, "bytes": 300}}, {"accept": null}]}},
             {"rule": {"family": "netdev", "table": "t", "chain": "c", "handle": 3, "comment": "leak-from-overlay", "expr": [{"counter": {"packets": 2, "bytes": 100}}]}},
             {"rule": {"family": "netdev", "table": "t", "chain": "c", "handle": 4, "comment": "leak-from-overlay", "expr": [{"counter": {"packets": 3, "bytes": 100}}]}},
             {"rule": {"family": "netdev", "table": "t", "chain": "c", "handle": 5, "expr": [{"counter": {"packets": 99, "bytes": 100}}]}}]}
            """;

        var counters = NftCounters.Parse(json);
        var later = new NftCounters(new Dictionary<string, long> { ["transport"] = 9, ["leak-from-overlay"] = 5 });

        Assert.Equal(5, counters["transport"]);
        Assert.Equal(5, counters["leak-from-overlay"]);
        Assert.Equal(0, counters["leak"]);
        Assert.Equal(4, later.Since(counters)["transport"]);
        Assert.Equal(0, later.Since(counters)["leak-from-overlay"]);
    }

    [Fact]
    public void Proc_stat_is_parsed_even_with_spaces_and_parentheses_in_the_name()
    {
        var stat = ProcessStat.Parse("4242 (odd) name)) Z 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10 18446744073709551615");

        Assert.Equal(4242, stat.Pid);
        Assert.Equal("odd) name)", stat.Name);
        Assert.Equal('Z', stat.State);
        Assert.Equal(1, stat.ParentPid);
        Assert.Equal(987654, stat.StartTicks);
    }

    [Fact]
    public void This_process_is_alive_with_its_start_time_and_not_with_another()
    {
        var table = new ProcessTable(new LinuxFileSystem(), new NetnsRunner(new ProcessCommandRunner()));
        var me = table.Read(Environment.ProcessId)!;

        Assert.True(table.IsAlive(Environment.ProcessId, me.StartTicks));
        Assert.False(table.IsAlive(Environment.ProcessId, me.StartTicks + 1));
        Assert.False(table.IsAlive(int.MaxValue));
    }

    [Theory]
    [InlineData("uno", "cw-", "/run/causeway-lab", true)]
    [InlineData("Uno", "cw-", "/run/causeway-lab", false)]
    [InlineData("uno", "cw/", "/run/causeway-lab", false)]
    [InlineData("uno", "cw-", "relative", false)]
    [InlineData("uno", "cw-", "/run/with space", false)]
    public void World_names_are_validated(string name, string prefix, string root, bool valid)
    {
        Assert.Equal(valid, new LabWorld(name, prefix, root).Validate().Count == 0);
    }

    [Fact]
    public void Auth_verifier_accepts_only_the_expected_credentials()
    {
        var directory = Directory.CreateTempSubdirectory("cw-auth-");
        try
        {
            var expected = Path.Combine(directory.FullName, "expected");
            var right = Path.Combine(directory.FullName, "right");
            var wrong = Path.Combine(directory.FullName, "wrong");
            File.WriteAllText(expected, "lab-gateway\nsecret\n");
            File.WriteAllText(right, "lab-gateway\r\nsecret");
            File.WriteAllText(wrong, "lab-gateway\nguess\n");
            var files = new LinuxFileSystem();

            Assert.True(AuthVerifier.Verify(files, expected, right));
            Assert.False(AuthVerifier.Verify(files, expected, wrong));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Provider_profile_looks_like_a_real_providers_download()
    {
        var profile = ProviderProfile.Build("-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----", "CERT", "KEY", "TLSCRYPT");
        var lines = profile.Split('\n');

        foreach (var expected in new[] { "client", "dev tun", "auth-user-pass", "script-security 2", "up /etc/openvpn/update-resolv-conf", "down /etc/openvpn/update-resolv-conf", "redirect-gateway def1", "verb 3", "<ca>", "</ca>", "<cert>", "<key>", "<tls-crypt>", "</tls-crypt>" })
        {
            Assert.Contains(expected, lines);
        }
    }

    [Fact]
    public void Leak_window_is_sealed_only_with_live_capture_k_probes_and_no_leak_or_answer()
    {
        var probes = new[] { new EchoProbeResult("udp", "203.0.113.80:7", 20, 20, 0, [], [], 1), new EchoProbeResult("tcp", "203.0.113.80:7", 5, 5, 0, [], ["TimedOut"], 1) };
        NftCounters Counts(long leak, long canary) => new(new Dictionary<string, long> { [LeakCounterRuleset.Leak] = leak, [LeakCounterRuleset.Canary] = canary });

        Assert.True(new LeakWindow("ok", 25, 25, probes, Counts(0, 2), 2).SealedShut);
        Assert.False(new LeakWindow("leak", 25, 25, probes, Counts(1, 2), 2).SealedShut);
        Assert.False(new LeakWindow("dead capture", 25, 25, probes, Counts(0, 1), 2).SealedShut);
        Assert.False(new LeakWindow("laptop idle", 25, 10, probes, Counts(0, 2), 2).SealedShut);
    }

    [Fact]
    public void Gateway_config_uses_non_default_names_and_the_worlds_directories()
    {
        var config = GatewayConfigFile.Build("cw-uno", "/run/causeway-lab/cw-uno/sbc");

        Assert.Contains("nft_table = \"cwlab\"", config, StringComparison.Ordinal);
        Assert.Contains("route_table = 7370", config, StringComparison.Ordinal);
        Assert.Contains("state_dir = \"/run/causeway-lab/cw-uno/sbc/state\"", config, StringComparison.Ordinal);
        Assert.Contains("zerotier_network = \"2f5042fc3b08bd2e\"", config, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"name":"phone","revoked_at":null,"sessions":[{"transport":"tcp","real_address":"203.0.113.18:4000","virtual_address":"10.9.0.130","connected_since":"2026-01-01T00:00:00Z","bytes_received":10,"bytes_sent":20}]}]""")]
    [InlineData("""{"clients":[{"Name":"phone","RevokedAt":null,"Sessions":[{"Transport":"Tcp","RealAddress":"203.0.113.18:4000","VirtualAddress":"10.9.0.130","ConnectedSince":"2026-01-01T00:00:00Z","BytesReceived":10,"BytesSent":20}]}]}""")]
    [InlineData("""{"clients":[{"name":"phone","revokedAt":null,"sessions":[{"transport":1,"realAddress":"203.0.113.18:4000","virtualAddress":"10.9.0.130","connectedSince":"2026-01-01T00:00:00Z","bytesReceived":10,"bytesSent":20}]}]}""")]
    public void Client_list_json_is_read_in_any_of_its_spellings(string json)
    {
        var client = Assert.Single(Causeway.Lab.Duo.ClientListJson.Parse(json));

        Assert.Equal("phone", client.Name);
        Assert.False(client.Revoked);
        var session = Assert.Single(client.Sessions);
        Assert.Equal(("tcp", "203.0.113.18:4000", "10.9.0.130", 10L, 20L), (session.Transport, session.RealAddress, session.VirtualAddress, session.BytesReceived, session.BytesSent));
    }

    [Fact]
    public void Client_list_json_marks_revoked_clients_and_refuses_what_is_no_list()
    {
        var clients = Causeway.Lab.Duo.ClientListJson.Parse("""[{"name":"lost","revoked_at":"2026-01-01T00:00:00Z","sessions":[]},{"name":"phone"}]""");

        Assert.True(clients[0].Revoked);
        Assert.False(clients[0].Connected);
        Assert.False(clients[1].Revoked);
        Assert.Throws<FormatException>(() => Causeway.Lab.Duo.ClientListJson.Parse("""{"error":"no daemon"}"""));
        Assert.Throws<FormatException>(() => Causeway.Lab.Duo.ClientListJson.Parse("not json"));
    }

    [Fact]
    public void Lifetime_leaks_leave_out_only_the_negative_control_windows()
    {
        static NftCounters Counts(long leak, long overlay, long tunnel, long canary) => new(new Dictionary<string, long>
        {
            [LeakCounterRuleset.Leak] = leak,
            [LeakCounterRuleset.LeakFromOverlay] = overlay,
            [LeakCounterRuleset.LeakFromTunnel] = tunnel,
            [LeakCounterRuleset.Canary] = canary,
        });
        var at = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        LabNegativeControl[] controls =
        [
            new("leak-detector-sees-leaks", at, at.AddSeconds(5), Counts(25, 25, 0, 2).PacketsByComment),
            new("leak-detector-sees-leaks", at.AddMinutes(5), at.AddMinutes(5).AddSeconds(5), Counts(20, 20, 0, 2).PacketsByComment),
        ];

        var clean = new LifetimeLeaks(Counts(45, 45, 0, 40), controls);
        var leaky = new LifetimeLeaks(Counts(47, 45, 2, 40), controls);
        var uncontrolled = new LifetimeLeaks(Counts(45, 45, 0, 40), []);

        Assert.True(clean.Clean);
        Assert.Equal(45, clean.InsideControls[LeakCounterRuleset.Leak]);
        Assert.False(leaky.Clean);
        Assert.Equal(2, leaky.Leaked);
        Assert.Equal(2, leaky.Outside[LeakCounterRuleset.LeakFromTunnel]);
        Assert.Contains("outside them: 2 leaked (0 leak-from-overlay, 2 leak-from-tunnel", leaky.Evidence("i-sbc", at, at.AddMinutes(10)), StringComparison.Ordinal);
        Assert.False(uncontrolled.Clean);
        Assert.False(new LifetimeLeaks(Counts(0, 0, 0, 0), []).Clean);
    }

    [Fact]
    public void Negative_control_windows_survive_the_lab_state_file()
    {
        var state = new LabState("uno", "cw-", "/run/causeway-lab", "/bin/causeway", "/bin/causeway", DateTimeOffset.UnixEpoch, [], [], "/c.toml", [], null)
            .WithNegativeControl(new("leak-detector-sees-leaks", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(3), new Dictionary<string, long> { ["leak"] = 7 }))
            .WithNegativeControl(new("leak-detector-sees-leaks", DateTimeOffset.UnixEpoch.AddSeconds(9), DateTimeOffset.UnixEpoch.AddSeconds(12), new Dictionary<string, long> { ["leak"] = 5 }));

        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(state, LabJsonContext.Default.LabState), LabJsonContext.Default.LabState)!;
        var old = JsonSerializer.Deserialize("""{"world":"uno","prefix":"cw-","root":"/r","causewayBinary":"/b","gatewayBinary":"/b","createdAt":"2026-01-01T00:00:00Z","namespaces":[],"processes":[],"gatewayConfigPath":"/c","gatewayDefaultRoutes":[],"snapshotBeforeUpPath":null}""", LabJsonContext.Default.LabState)!;

        Assert.Equal(new[] { 7L, 5L }, back.NegativeControls!.Select(c => c.Counts["leak"]));
        Assert.Null(old.NegativeControls);
    }

    [Fact]
    public void Leak_counters_excuse_the_hosts_own_destinations_and_count_tunnel_sources_as_evidence()
    {
        var ruleset = LeakCounterRuleset.Build("cwlableak", UnoTopology.Uplink, [], []);

        Assert.Contains($"ip saddr 192.0.2.2 ip daddr {{ 192.0.2.1, 203.0.113.81 }} counter accept comment \"{LeakCounterRuleset.HostOwn}\"", ruleset, StringComparison.Ordinal);
        Assert.Contains($"ip saddr 10.8.0.0/24 counter comment \"{LeakCounterRuleset.LeakFromTunnel}\"", ruleset, StringComparison.Ordinal);
        Assert.Contains($"ip daddr {{ 203.0.113.80, 203.0.113.53 }} counter comment \"{LeakCounterRuleset.LeakToClientDestination}\"", ruleset, StringComparison.Ordinal);
        Assert.DoesNotContain(BackboneTopology.HostOnlyDestinations, d => BackboneTopology.ClientDestinations.Contains(d));
        // Excused rules come before the evidence, and the catch-all "leak" counter is last.
        Assert.True(ruleset.IndexOf(LeakCounterRuleset.HostOwn, StringComparison.Ordinal) < ruleset.IndexOf(LeakCounterRuleset.LeakFromTunnel, StringComparison.Ordinal));
        Assert.StartsWith($"counter comment \"{LeakCounterRuleset.Leak}\"", ruleset[ruleset.LastIndexOf("counter comment", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void Dinosaur_leak_counters_count_each_uplink_in_a_chain_of_its_own_and_excuse_the_overlay_transport()
    {
        var ruleset = Causeway.Lab.Dinosaur.DinosaurRulesets.LeakCounters();
        var sbc = ruleset[ruleset.IndexOf("chain from-sbc", StringComparison.Ordinal)..ruleset.IndexOf("chain from-vm", StringComparison.Ordinal)];
        var vm = ruleset[ruleset.IndexOf("chain from-vm", StringComparison.Ordinal)..];

        Assert.Contains("device \"i-sbc\"", sbc, StringComparison.Ordinal);
        Assert.Contains("device \"i-vm\"", vm, StringComparison.Ordinal);
        Assert.Contains($"ip saddr 192.0.2.2 ip daddr {{ 203.0.113.98, 203.0.113.114 }} udp dport 9993 counter accept comment \"{LeakCounterRuleset.OverlayTransport}\"", sbc, StringComparison.Ordinal);
        Assert.Contains($"ip saddr 203.0.113.98 ip daddr {{ 192.0.2.2, 203.0.113.114 }} udp dport 9993 counter accept comment \"{LeakCounterRuleset.OverlayTransport}\"", vm, StringComparison.Ordinal);
        // Each host's canary and own traffic by its own addresses; the access servers' replies only on the VM's.
        Assert.Contains($"ip saddr 203.0.113.98 ip daddr 203.0.113.97 udp dport 9 counter accept comment \"{LeakCounterRuleset.Canary}\"", vm, StringComparison.Ordinal);
        Assert.Contains(LeakCounterRuleset.AccessTransport, vm, StringComparison.Ordinal);
        Assert.DoesNotContain(LeakCounterRuleset.AccessTransport, sbc, StringComparison.Ordinal);
        Assert.EndsWith($"counter comment \"{LeakCounterRuleset.Leak}\"", sbc[..sbc.LastIndexOf('}')].TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Counters_of_one_chain_leave_out_the_other_chains_and_the_table_sums_them()
    {
        const string json = """
            {"nftables":[{"metainfo":{}},
              {"rule":{"family":"netdev","table":"t","chain":"from-sbc","handle":1,"comment":"leak","expr":[{"counter":{"packets":2,"bytes":80}}]}},
              {"rule":{"family":"netdev","table":"t","chain":"from-vm","handle":2,"comment":"leak","expr":[{"counter":{"packets":5,"bytes":200}}]}}]}
            """;

        Assert.Equal(7, NftCounters.Parse(json)[LeakCounterRuleset.Leak]);
        Assert.Equal(2, NftCounters.Parse(json, "from-sbc")[LeakCounterRuleset.Leak]);
        Assert.Equal(5, NftCounters.Parse(json, "from-vm")[LeakCounterRuleset.Leak]);
    }

    [Fact]
    public void Injected_packets_carry_valid_checksums()
    {
        var ping = InjectProbe.EchoRequest(0x1ab, 1, "abc"u8);
        var udp = InjectProbe.UdpDatagram(IPAddress.Parse("203.0.113.80"), IPAddress.Parse("10.8.0.2"), 7, 47007, "abcd"u8);
        var pseudo = new byte[12];
        IPAddress.Parse("203.0.113.80").GetAddressBytes().CopyTo(pseudo, 0);
        IPAddress.Parse("10.8.0.2").GetAddressBytes().CopyTo(pseudo, 4);
        pseudo[9] = 17;
        pseudo[11] = (byte)udp.Length;

        Assert.Equal(8, ping[0]);
        Assert.Equal(0, InjectProbe.Checksum(ping, 0));
        Assert.Equal(0, InjectProbe.Checksum([.. pseudo, .. udp], 0));
        Assert.Equal(new byte[] { 0, 7, 0xb7, 0x9f, 0, 12 }, udp[..6]);
    }

    [Fact]
    public void Conntrack_line_gives_the_port_the_flow_was_masqueraded_to()
    {
        const string line = "udp      17 28 src=10.222.0.192 dst=203.0.113.80 sport=47007 dport=7 src=203.0.113.80 dst=10.8.0.2 sport=7 dport=1024 [ASSURED] mark=0 use=1";

        Assert.Equal(1024, TunnelInjectionCheck.ReplyPort(line));
        Assert.Null(TunnelInjectionCheck.ReplyPort("conntrack v1.4.8 (conntrack-tools): 0 flow entries have been shown."));
        Assert.Contains("udp sport 7 ip ttl 1 counter comment \"arrived-ttl-1\"", TunnelInjectionCheck.Ruleset(IPAddress.Parse("10.8.0.2")), StringComparison.Ordinal);
    }
}
