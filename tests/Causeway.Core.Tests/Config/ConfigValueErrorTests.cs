using Causeway.Core.Model;
using Xunit;

namespace Causeway.Core.Tests.Config;

/// <summary>Values of the right type that make no sense for Causeway: every semantic check, with its position.</summary>
public sealed class ConfigValueErrorTests
{
    private const string Egress = "\n[egress]\nprofile = \"provider.ovpn\"\n";
    private const string Overlay = "[overlay]\nzerotier_network = \"8bd5124fd6f4d0a1\"\n";

    // ---- [instance]

    [Theory]
    [InlineData("name = \"my box\"", "instance.name: \"my box\" is not a valid name")]
    [InlineData("name = \"\"", "instance.name: \"\" is not a valid name")]
    [InlineData("name = \"-lead\"", "instance.name: \"-lead\" is not a valid name")]
    [InlineData("name = \"a-name-that-is-longer-than-32-chars\"", "instance.name: \"a-name-that-is-longer-than-32-chars\" is not a valid name")]
    [InlineData("state_dir = \"var/lib/causeway\"", "instance.state_dir: \"var/lib/causeway\" must be an absolute path")]
    [InlineData("run_dir = \"./run\"", "instance.run_dir: \"./run\" must be an absolute path")]
    [InlineData("nft_table = \"cw-lab\"", "instance.nft_table: \"cw-lab\" is not an nft identifier")]
    [InlineData("nft_table = \"7270\"", "instance.nft_table: \"7270\" is not an nft identifier")]
    [InlineData("nft_table = \"inet\"", "instance.nft_table: \"inet\" is an nft keyword, which nft does not accept as a table name")]
    [InlineData("nft_table = \"Counter\"", "instance.nft_table: \"Counter\" is an nft keyword")]
    [InlineData("route_table = 0", "instance.route_table: 0 is out of range: must be 1 to 2147483647")]
    [InlineData("route_table = 2147483648", "instance.route_table: 2147483648 is out of range: must be 1 to 2147483647")]
    [InlineData("route_table = 253", "instance.route_table: 253 is one of the kernel's own tables (253 default, 254 main, 255 local)")]
    [InlineData("route_table = 254", "instance.route_table: 254 is one of the kernel's own tables")]
    [InlineData("route_table = 255", "instance.route_table: 255 is one of the kernel's own tables")]
    [InlineData("rule_priority = 0", "instance.rule_priority: 0 is out of range: must be 1 to 32764")]
    [InlineData("rule_priority = 32765", "instance.rule_priority: 32765 is out of range: must be 1 to 32764 (Causeway uses this priority and the next; both must sort after the local table's rule at 0 and before the main table's at 32766)")]
    [InlineData("reconcile_interval_seconds = 0", "instance.reconcile_interval_seconds: 0 is out of range: must be 1 to 60")]
    [InlineData("reconcile_interval_seconds = 61", "instance.reconcile_interval_seconds: 61 is out of range: must be 1 to 60")]
    public void Instance_values_are_checked(string line, string message)
    {
        var error = ConfigAssert.SingleError($"[instance]\n{line}\n{Overlay}{Egress}");

        ConfigAssert.At(error, 2, ValueColumn(line), message);
    }

    [Theory]
    [InlineData("rule_priority = 1")]
    [InlineData("rule_priority = 32764")]
    [InlineData("route_table = 1")]
    [InlineData("route_table = 252")]
    [InlineData("route_table = 2147483647")]
    [InlineData("reconcile_interval_seconds = 60")]
    [InlineData("nft_table = \"_cw_Lab2\"")]
    [InlineData("name = \"lab.uno_1\"")]
    [InlineData("state_dir = \"/var/lib/causeway-lab\"")]
    [InlineData("run_dir = \"/home/alice/causeway\"")]
    [InlineData("state_dir = \"/tmp/causeway-test\"")]
    public void Instance_values_at_their_limits_are_accepted(string line)
    {
        ConfigAssert.Loads($"[instance]\n{line}\n{Overlay}{Egress}");
    }

    [Fact]
    public void Relative_state_and_run_directories_are_refused_with_the_reason_and_the_default()
    {
        var error = ConfigAssert.SingleError($"[instance]\nstate_dir = \"state\"\n{Overlay}{Egress}");

        Assert.Equal("instance.state_dir: \"state\" must be an absolute path: `causeway up` and `causeway down` must find the same directory wherever they are started", error.Message);
        Assert.Equal("e.g. \"/var/lib/causeway\"", error.Fix);
    }

    [Theory]
    [InlineData("state_dir", "/tmp", "/tmp is a directory the whole host shares")]
    [InlineData("state_dir", "/", "/ is a directory the whole host shares")]
    [InlineData("state_dir", "/var/lib/", "/var/lib is a directory the whole host shares")]
    [InlineData("run_dir", "/etc", "/etc is a directory the whole host shares")]
    [InlineData("run_dir", "/run/causeway/..", "/run is a directory the whole host shares")]
    [InlineData("run_dir", "/usr/local", "/usr/local is a directory the whole host shares")]
    [InlineData("state_dir", "/home/alice", "/home/alice is a home directory")]
    [InlineData("run_dir", "/run/user/1000", "/run/user/1000 is a user's runtime directory")]
    [InlineData("state_dir", "/proc/self", "/proc/self is on a kernel file system (/proc)")]
    public void Directories_the_host_shares_are_refused_as_state_or_run_directories(string key, string directory, string why)
    {
        var error = ConfigAssert.SingleError($"[instance]\n{key} = \"{directory}\"\n{Overlay}{Egress}");

        ConfigAssert.At(error, 2, key.Length + 4, $"instance.{key}: {why}: Causeway sets the mode of its directory, writes its own files into it and `causeway down` deletes them, so it needs a directory of its own");
        Assert.StartsWith("name a directory only Causeway uses (it makes it), e.g. \"/", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void An_auth_path_too_long_for_an_openvpn_config_line_is_refused_at_its_key()
    {
        var auth = "/etc/causeway/" + new string('a', 240);
        var error = ConfigAssert.SingleError($"[overlay]\nzerotier_network = \"8bd5124fd6f4d0a1\"\n[egress]\nprofile = \"provider.ovpn\"\nauth = \"{auth}\"\n");

        ConfigAssert.At(error, 5, 8, "egress.auth: Causeway writes it into an OpenVPN config as `auth-user-pass …`; written for OpenVPN, the line would be 269 bytes");
    }

    [Fact]
    public void A_state_directory_too_long_for_the_access_servers_config_lines_is_refused()
    {
        var state = "/var/lib/" + new string('s', 230);
        var error = ConfigAssert.SingleError($"[instance]\nstate_dir = \"{state}\"\n{Overlay}{Egress}[access]\npublic_address = \"vpn.example.net\"\n");

        ConfigAssert.At(error, 2, 13, "instance.state_dir: Causeway writes it into an OpenVPN config as `ca …`;");
    }

    [Fact]
    public void A_run_directory_too_long_for_the_management_socket_is_refused()
    {
        var longDirectory = "/run/" + new string('d', 80);
        var error = ConfigAssert.SingleError($"[instance]\nrun_dir = \"{longDirectory}\"\n{Overlay}{Egress}");

        ConfigAssert.At(error, 2, 11, $"instance.run_dir: too long: the OpenVPN management socket {longDirectory}/openvpn/management.sock would be 109 bytes, and unix socket paths have at most 107");
        Assert.Equal("use a shorter directory, e.g. \"/run/causeway\"", error.Fix);
    }

    // ---- [overlay]: which overlay

    [Fact]
    public void Zerotier_network_and_interface_together_are_an_error_at_the_second()
    {
        var error = ConfigAssert.SingleError("""
            [overlay]
            zerotier_network = "8bd5124fd6f4d0a1"
            interface = "wg0"
            subnets = ["10.147.17.0/24"]
            [egress]
            profile = "provider.ovpn"
            """);

        ConfigAssert.At(error, 3, 1, "overlay: both zerotier_network and interface are set; give exactly one");
    }

    [Fact]
    public void An_overlay_section_with_neither_is_an_error_at_the_section()
    {
        var error = ConfigAssert.SingleError("[overlay]\nallow_lan = []\n" + Egress);

        ConfigAssert.At(error, 1, 2, "overlay: no overlay given: set zerotier_network, or interface and subnets");
    }

    [Fact]
    public void Required_things_nobody_wrote_have_no_position_and_come_last()
    {
        var result = ConfigAssert.Load("[instance]\nroute_table = 0\n");

        Assert.Collection(
            result.Diagnostics,
            d => ConfigAssert.At(d, 2, 15, "instance.route_table: 0 is out of range"),
            d => ConfigAssert.At(d, 0, 0, "overlay: no overlay given"),
            d => ConfigAssert.At(d, 0, 0, "egress.profile is required"));
        Assert.StartsWith($"{ConfigAssert.File}: error: egress.profile is required", result.Diagnostics[2].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8bd5124fd6f4d0a")]
    [InlineData("8bd5124fd6f4d0a12")]
    [InlineData("8bd5124fd6f4d0ag")]
    [InlineData(" 8bd5124fd6f4d0a1")]
    public void A_zerotier_network_id_is_16_hex_digits(string id)
    {
        var error = ConfigAssert.SingleError($"[overlay]\nzerotier_network = \"{id}\"\n{Egress}");

        ConfigAssert.At(error, 2, 20, $"overlay.zerotier_network: \"{id}\" is not a ZeroTier network id (16 hex digits)");
        Assert.Contains("zerotier-cli listnetworks", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zerotier_port = 0", "overlay.zerotier_port: 0 is out of range: must be 1 to 65535")]
    [InlineData("zerotier_port = 65536", "overlay.zerotier_port: 65536 is out of range: must be 1 to 65535")]
    [InlineData("zerotier_wait_seconds = -1", "overlay.zerotier_wait_seconds: -1 is out of range: must be 0 to 3600")]
    [InlineData("zerotier_home = \"\"", "overlay.zerotier_home: the path is empty")]
    public void Zerotier_values_are_checked(string line, string message)
    {
        var error = ConfigAssert.SingleError($"{Overlay}{line}\n{Egress}");

        ConfigAssert.At(error, 3, ValueColumn(line), message);
    }

    [Fact]
    public void Subnets_with_a_zerotier_network_are_an_error()
    {
        var error = ConfigAssert.SingleError($"{Overlay}subnets = [\"10.147.17.0/24\"]\n{Egress}");

        ConfigAssert.At(error, 3, 1, "overlay.subnets: only used with overlay.interface; with zerotier_network the subnets come from ZeroTier");
    }

    // ---- [overlay]: an interface

    [Fact]
    public void An_interface_needs_subnets()
    {
        var error = ConfigAssert.SingleError($"[overlay]\ninterface = \"wg0\"\n{Egress}");

        ConfigAssert.At(error, 2, 13, "overlay.interface needs overlay.subnets");
        Assert.Equal("add e.g. subnets = [\"10.147.17.0/24\"] with the networks on wg0", error.Fix);
    }

    [Fact]
    public void An_interface_needs_at_least_one_subnet()
    {
        var error = ConfigAssert.SingleError($"[overlay]\ninterface = \"wg0\"\nsubnets = []\n{Egress}");

        ConfigAssert.At(error, 3, 11, "overlay.subnets: is empty; overlay.interface needs at least one network");
    }

    [Fact]
    public void Subnets_whose_elements_were_all_of_the_wrong_type_are_not_also_called_empty()
    {
        var error = ConfigAssert.SingleError($"[overlay]\ninterface = \"wg0\"\nsubnets = [24]\n{Egress}");

        ConfigAssert.At(error, 3, 12, "overlay.subnets[0]: expected a string, found an integer (24)");
    }

    [Theory]
    [InlineData("wg0-with-a-long-name", "is 20 characters long; Linux interface names have at most 15")]
    [InlineData("wg 0", "is not a valid interface name")]
    [InlineData("wg/0", "is not a valid interface name")]
    [InlineData("wg%d", "is not a valid interface name")]
    [InlineData("..", "is not a valid interface name")]
    [InlineData("", "is empty")]
    public void Interface_names_are_valid_linux_names(string name, string problem)
    {
        var error = ConfigAssert.SingleError($"[overlay]\ninterface = \"{name}\"\nsubnets = [\"10.147.17.0/24\"]\n{Egress}");

        ConfigAssert.At(error, 2, 13, $"overlay.interface: \"{name}\" {problem}");
    }

    [Fact]
    public void A_fifteen_character_interface_name_is_fine()
    {
        ConfigAssert.Loads($"[overlay]\ninterface = \"zt2nvuuqiv.1234\"\nsubnets = [\"10.147.17.0/24\"]\n{Egress}");
    }

    [Fact]
    public void ZeroTier_keys_with_an_interface_are_warnings_only()
    {
        var result = ConfigAssert.Loads("""
            [overlay]
            interface = "wg0"
            subnets = ["10.147.17.0/24"]
            zerotier_port = 9993
            zerotier_wait_seconds = 5
            [egress]
            profile = "provider.ovpn"
            """);

        Assert.Collection(
            result.Diagnostics,
            d =>
            {
                Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
                ConfigAssert.At(d, 4, 17, "overlay.zerotier_port: has no effect with overlay.interface");
            },
            d => ConfigAssert.At(d, 5, 25, "overlay.zerotier_wait_seconds: has no effect with overlay.interface"));
        Assert.StartsWith($"{ConfigAssert.File}:4:17: warning: ", result.Diagnostics[0].ToString(), StringComparison.Ordinal);
    }

    // ---- networks

    [Theory]
    [InlineData("10.147.17.5/24", "has host bits set: the bits after the /24 prefix must be zero", "write \"10.147.17.0/24\"")]
    [InlineData("10.147.17.0/16", "has host bits set: the bits after the /16 prefix must be zero", "write \"10.147.0.0/16\"")]
    [InlineData("fdcc:ca5e::1/64", "has host bits set: the bits after the /64 prefix must be zero", "write \"fdcc:ca5e::/64\"")]
    [InlineData("10.147.17.0", "has no prefix length", "add one, e.g. \"10.147.17.0/32\" for this address alone")]
    [InlineData("10.147.17.0/33", "has an invalid prefix length \"/33\" (0 to 32)", null)]
    [InlineData("10.147.17.0/-1", "has an invalid prefix length \"/-1\" (0 to 32)", null)]
    [InlineData("fdcc::/129", "has an invalid prefix length \"/129\" (0 to 128)", null)]
    [InlineData("010.147.17.0/24", "has an invalid address \"010.147.17.0\"", "write a network as address/prefix, e.g. \"192.168.1.0/24\"")]
    [InlineData("10.147/16", "has an invalid address \"10.147\"", "write a network as address/prefix, e.g. \"192.168.1.0/24\"")]
    [InlineData("fe80::1%eth0/64", "has an invalid address \"fe80::1%eth0\"", "write a network as address/prefix, e.g. \"192.168.1.0/24\"")]
    [InlineData("lan", "has no prefix length", "write a network as address/prefix, e.g. \"192.168.1.0/24\"")]
    public void Networks_are_strict_CIDRs_and_the_fix_shows_the_network_form(string written, string problem, string? fix)
    {
        var error = ConfigAssert.SingleError($"[overlay]\ninterface = \"wg0\"\nsubnets = [\"10.0.0.0/24\", \"{written}\"]\n{Egress}");

        ConfigAssert.At(error, 3, 27, $"overlay.subnets[1]: \"{written}\" {problem}");
        Assert.Equal(fix, error.Fix);
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("::/0")]
    public void Allow_lan_refuses_a_default_route(string route)
    {
        var error = ConfigAssert.SingleError($"{Overlay}allow_lan = [\"{route}\"]\n{Egress}");

        ConfigAssert.At(error, 3, 14, $"overlay.allow_lan[0]: {route} is a default route: overlay traffic to every address would leave through the host's uplink, unencrypted");
    }

    [Fact]
    public void Allow_lan_warns_about_a_public_range()
    {
        var result = ConfigAssert.Loads($"{Overlay}allow_lan = [\"192.168.1.0/24\", \"198.51.100.0/24\"]\n{Egress}");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        ConfigAssert.At(warning, 3, 32, "overlay.allow_lan[1]: 198.51.100.0/24 is not a private range");
    }

    [Fact]
    public void Overlapping_overlay_subnets_are_an_error_naming_both()
    {
        var error = ConfigAssert.SingleError($"[overlay]\ninterface = \"wg0\"\nsubnets = [\"10.147.0.0/16\", \"10.147.17.0/24\"]\n{Egress}");

        ConfigAssert.At(error, 3, 29, "overlay.subnets[1]: 10.147.17.0/24 overlaps overlay.subnets[0] (10.147.0.0/16, line 3)");
        Assert.Equal("list each network once: an address is either on the overlay or on one LAN", error.Fix);
    }

    [Fact]
    public void An_allowed_lan_overlapping_an_overlay_subnet_is_an_error_naming_both()
    {
        var error = ConfigAssert.SingleError("""
            [overlay]
            interface = "wg0"
            subnets = ["10.147.17.0/24", "fdcc:ca5e::/64"]
            allow_lan = ["192.168.1.0/24", "10.0.0.0/8"]
            [egress]
            profile = "provider.ovpn"
            """);

        ConfigAssert.At(error, 4, 32, "overlay.allow_lan[1]: 10.0.0.0/8 overlaps overlay.subnets[0] (10.147.17.0/24, line 3)");
    }

    [Fact]
    public void Overlapping_allowed_lans_are_an_error_with_a_zerotier_overlay_too()
    {
        var error = ConfigAssert.SingleError($"{Overlay}allow_lan = [\"192.168.0.0/16\",\n  \"192.168.1.0/24\"]\n{Egress}");

        ConfigAssert.At(error, 4, 3, "overlay.allow_lan[1]: 192.168.1.0/24 overlaps overlay.allow_lan[0] (192.168.0.0/16, line 3)");
    }

    [Fact]
    public void A_network_listed_twice_is_named_as_such()
    {
        var error = ConfigAssert.SingleError($"{Overlay}allow_lan = [\"192.168.1.0/24\", \"192.168.1.0/24\"]\n{Egress}");

        ConfigAssert.At(error, 3, 32, "overlay.allow_lan[1]: 192.168.1.0/24 is the same network as overlay.allow_lan[0] (192.168.1.0/24, line 3)");
    }

    [Fact]
    public void IPv4_and_IPv6_networks_never_overlap()
    {
        ConfigAssert.Loads($"[overlay]\ninterface = \"wg0\"\nsubnets = [\"0.0.0.0/1\", \"::/1\"]\n{Egress}");
    }

    // ---- [egress]

    [Fact]
    public void The_profile_is_required()
    {
        var error = ConfigAssert.SingleError($"{Overlay}\n[egress]\ndevice = \"tun1\"\n");

        ConfigAssert.At(error, 4, 2, "egress.profile is required (the provider's .ovpn file), or egress.overlay_gateway");
        Assert.StartsWith("add profile = \"provider.ovpn\" under [egress] (a relative path starts from this file's directory), or overlay_gateway = ", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("profile = \"\"", "egress.profile: the path is empty")]
    [InlineData("profile = \"provider.ovpn\"\nauth = \" \"", "egress.auth: the path is empty")]
    public void Paths_may_not_be_empty(string lines, string message)
    {
        var error = ConfigAssert.SingleError($"{Overlay}[egress]\n{lines}\n");

        ConfigAssert.At(error, 4 + lines.Count(c => c == '\n'), ValueColumn(lines.Split('\n')[^1]), message);
    }

    [Theory]
    [InlineData("dns.quad9.net", "egress.fallback_dns: \"dns.quad9.net\" is not an IP address")]
    [InlineData("9.9.9", "egress.fallback_dns: \"9.9.9\" is not an IP address")]
    [InlineData("2620:fe::fe", "egress.fallback_dns: 2620:fe::fe is not IPv4; overlay DNS is redirected over IPv4 only")]
    [InlineData("127.0.0.53", "egress.fallback_dns: 127.0.0.53 cannot be a resolver for forwarded queries")]
    [InlineData("0.0.0.0", "egress.fallback_dns: 0.0.0.0 cannot be a resolver for forwarded queries")]
    [InlineData("224.0.0.251", "egress.fallback_dns: 224.0.0.251 cannot be a resolver for forwarded queries")]
    public void The_fallback_dns_is_an_IPv4_resolver(string written, string message)
    {
        var error = ConfigAssert.SingleError($"{Overlay}{Egress}fallback_dns = \"{written}\"\n");

        ConfigAssert.At(error, 6, 16, message);
    }

    [Fact]
    public void The_device_must_start_with_tun_and_says_why()
    {
        var error = ConfigAssert.SingleError($"{Overlay}{Egress}device = \"wg-egress\"\n");

        ConfigAssert.At(error, 6, 10, "egress.device: \"wg-egress\" must start with \"tun\": zerotier-one skips only interfaces named lo*, zt*, tun* and tap*, and would otherwise send its own traffic into the tunnel");
        Assert.Equal("e.g. device = \"tuncw0\"", error.Fix);
    }

    [Theory]
    [InlineData("tun", "egress.device: \"tun\" alone lets OpenVPN pick any free tunN, and Causeway must know the name")]
    [InlineData("tun-much-too-long", "egress.device: \"tun-much-too-long\" is 17 characters long; Linux interface names have at most 15")]
    [InlineData("tun:0", "egress.device: \"tun:0\" is not a valid interface name")]
    public void The_device_is_a_fixed_valid_interface_name(string device, string message)
    {
        var error = ConfigAssert.SingleError($"{Overlay}{Egress}device = \"{device}\"\n");

        ConfigAssert.At(error, 6, 10, message);
    }

    [Fact]
    public void The_device_cannot_be_the_overlay_interface()
    {
        var error = ConfigAssert.SingleError("""
            [overlay]
            interface = "tun5"
            subnets = ["10.147.17.0/24"]
            [egress]
            profile = "provider.ovpn"
            device = "tun5"
            """);

        ConfigAssert.At(error, 6, 10, "egress.device: \"tun5\" is also overlay.interface");
    }

    [Theory]
    [InlineData("ping_seconds = 0", "egress.ping_seconds: 0 is out of range: must be 1 to 3600")]
    [InlineData("ping_restart_seconds = 0", "egress.ping_restart_seconds: 0 is out of range: must be 1 to 86400")]
    [InlineData("socket_buffer_bytes = -1", "egress.socket_buffer_bytes: -1 is out of range: must be 0 to 2147483647")]
    [InlineData("socket_buffer_bytes = 4294967296", "egress.socket_buffer_bytes: 4294967296 is out of range: must be 0 to 2147483647")]
    [InlineData("txqueuelen = 0", "egress.txqueuelen: 0 is out of range: must be 1 to 2147483647")]
    public void Tuning_values_are_checked(string line, string message)
    {
        var error = ConfigAssert.SingleError($"{Overlay}{Egress}{line}\n");

        ConfigAssert.At(error, 6, ValueColumn(line), message);
    }

    [Fact]
    public void Ping_restart_must_be_longer_than_ping()
    {
        var error = ConfigAssert.SingleError($"{Overlay}{Egress}ping_seconds = 10\nping_restart_seconds = 10\n");

        ConfigAssert.At(error, 7, 24, "egress.ping_restart_seconds (10) must be greater than egress.ping_seconds (10): otherwise the tunnel is declared dead between two keepalives");
        Assert.Equal("e.g. ping_restart_seconds = 50", error.Fix);
    }

    [Fact]
    public void Ping_longer_than_the_default_restart_points_at_ping()
    {
        var error = ConfigAssert.SingleError($"{Overlay}{Egress}ping_seconds = 5\n");

        ConfigAssert.At(error, 6, 16, "egress.ping_restart_seconds (5) must be greater than egress.ping_seconds (5)");
    }

    [Fact]
    public void An_invalid_ping_is_not_compared_with_ping_restart()
    {
        var error = ConfigAssert.SingleError($"{Overlay}{Egress}ping_seconds = 9999\nping_restart_seconds = 60\n");

        ConfigAssert.At(error, 6, 16, "egress.ping_seconds: 9999 is out of range");
    }

    [Fact]
    public void A_zero_socket_buffer_keeps_the_OS_default()
    {
        var settings = ConfigAssert.Loads($"{Overlay}{Egress}socket_buffer_bytes = 0\n").Settings!;

        Assert.Equal(0, settings.Egress.Tuning.SocketBufferBytes);
    }

    /// <summary>The 1-based column of the value in "key = value".</summary>
    private static int ValueColumn(string line) => line.IndexOf("= ", StringComparison.Ordinal) + 3;
}
