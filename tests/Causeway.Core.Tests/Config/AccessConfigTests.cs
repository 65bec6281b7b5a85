using System.Net;
using Causeway.Core.Config;
using Causeway.Core.Model;
using Xunit;

namespace Causeway.Core.Tests.Config;

/// <summary>[access]: defaults, every value check with its position, and the checks against [overlay] and [egress].</summary>
public sealed class AccessConfigTests
{
    /// <summary>Minimal (5 lines) plus a blank line: [access] is on line 7, its first key on line 8.</summary>
    private static string WithAccess(string keys) => ConfigAssert.Minimal + "\n\n[access]\n" + keys;

    private static AccessSettings Access(string keys) => ConfigAssert.Loads(WithAccess(keys)).Settings!.Access!;

    private static ConfigDiagnostic SingleWarning(string toml)
    {
        var result = ConfigAssert.Loads(toml);
        return Assert.Single(result.Diagnostics, d => !d.IsError);
    }

    [Fact]
    public void Without_the_section_there_is_no_access()
    {
        Assert.Null(ConfigAssert.Loads(ConfigAssert.Minimal).Settings!.Access);
    }

    [Fact]
    public void An_empty_section_runs_udp_and_tcp_servers_on_halves_of_the_default_pool()
    {
        var access = Access("");

        Assert.Null(access.PublicAddress);
        Assert.Equal(IPNetwork.Parse("10.9.0.0/24"), access.Pool);
        Assert.Equal(
            [
                new AccessServerSettings(AccessTransport.Udp, 1194, "tuncw-udp", IPNetwork.Parse("10.9.0.0/25")),
                new AccessServerSettings(AccessTransport.Tcp, 443, "tuncw-tcp", IPNetwork.Parse("10.9.0.128/25")),
            ],
            access.Servers);
        Assert.Equal(IPAddress.Parse("10.9.0.1"), access.Udp!.ServerAddress);
        Assert.Equal(IPAddress.Parse("10.9.0.129"), access.Tcp!.ServerAddress);
        Assert.True(access.AllowInternet);
        Assert.True(access.AllowOverlay);
        Assert.True(access.MasqueradeOverlay);
        Assert.False(access.ClientToClient);
        Assert.True(access.DnsViaServer);
        Assert.Empty(access.DnsServers);
        Assert.True(access.BlockIpv6);
    }

    [Fact]
    public void Every_key_is_read()
    {
        var access = Access("""
            public_address = "vpn.example.net"
            udp_port = 1195
            tcp_port = 8443
            pool = "172.20.4.0/22"
            allow_internet = false
            allow_overlay = true
            masquerade_overlay = false
            client_to_client = true
            dns = ["10.222.0.53", "10.222.0.54"]
            udp_device = "tunphone-u"
            tcp_device = "tunphone-t"
            """);

        Assert.Equal("vpn.example.net", access.PublicAddress);
        Assert.Equal(
            [
                new AccessServerSettings(AccessTransport.Udp, 1195, "tunphone-u", IPNetwork.Parse("172.20.4.0/23")),
                new AccessServerSettings(AccessTransport.Tcp, 8443, "tunphone-t", IPNetwork.Parse("172.20.6.0/23")),
            ],
            access.Servers);
        Assert.False(access.AllowInternet);
        Assert.False(access.MasqueradeOverlay);
        Assert.True(access.ClientToClient);
        Assert.False(access.DnsViaServer);
        Assert.Equal([IPAddress.Parse("10.222.0.53"), IPAddress.Parse("10.222.0.54")], access.DnsServers);
    }

    [Theory]
    [InlineData("vpn.example.net", "vpn.example.net")]
    [InlineData("vpn.example.net.", "vpn.example.net")]
    [InlineData("gateway", "gateway")]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("2001:DB8::7", "2001:db8::7")]
    [InlineData("192.168.1.10", "192.168.1.10")]
    public void Public_address_takes_host_names_and_addresses(string written, string expected)
    {
        Assert.Equal(expected, Access($"public_address = \"{written}\"").PublicAddress);
    }

    [Theory]
    [InlineData("vpn example.net", "is empty or contains spaces")]
    [InlineData("", "is empty or contains spaces")]
    [InlineData("10.1", "is neither an IP address nor a host name")]
    [InlineData("vpn_example.net", "is neither an IP address nor a host name")]
    [InlineData("-vpn.example.net", "is neither an IP address nor a host name")]
    [InlineData("127.0.0.1", "cannot be reached by clients elsewhere")]
    [InlineData("0.0.0.0", "cannot be reached by clients elsewhere")]
    [InlineData("fe80::1", "cannot be reached by clients elsewhere")]
    public void Public_address_refuses_what_no_client_could_connect_to(string written, string problem)
    {
        var error = ConfigAssert.SingleError(WithAccess($"public_address = \"{written}\""));

        ConfigAssert.At(error, 8, 18, $"access.public_address: ");
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Fix);
    }

    [Theory]
    [InlineData("vpn.example.net:443", "vpn.example.net")]
    [InlineData("203.0.113.7:1194", "203.0.113.7")]
    public void Public_address_with_a_port_says_where_ports_go(string written, string host)
    {
        var error = ConfigAssert.SingleError(WithAccess($"public_address = \"{written}\""));

        ConfigAssert.At(error, 8, 18, "has a port: the ports are access.udp_port and access.tcp_port");
        Assert.Equal($"public_address = \"{host}\"", error.Fix);
    }

    [Fact]
    public void Port_zero_turns_a_server_off_and_the_other_gets_the_whole_pool()
    {
        var access = Access("udp_port = 0\npool = \"10.9.0.0/29\"");

        var server = Assert.Single(access.Servers);
        Assert.Equal(new AccessServerSettings(AccessTransport.Tcp, 443, "tuncw-tcp", IPNetwork.Parse("10.9.0.0/29")), server);
        Assert.Null(access.Udp);
    }

    [Fact]
    public void Both_ports_zero_is_an_error_at_the_second()
    {
        var error = ConfigAssert.SingleError(WithAccess("udp_port = 0\ntcp_port = 0"));

        ConfigAssert.At(error, 9, 12, "access.udp_port and access.tcp_port are both 0: no access server would run");
    }

    [Theory]
    [InlineData("udp_port = 70000", 12, "access.udp_port: 70000 is out of range: must be 1 to 65535, or 0 to run no UDP server")]
    [InlineData("tcp_port = -1", 12, "access.tcp_port: -1 is out of range")]
    public void Ports_out_of_range_are_errors(string line, int column, string message)
    {
        ConfigAssert.At(ConfigAssert.SingleError(WithAccess(line)), 8, column, message);
    }

    [Fact]
    public void A_port_of_the_wrong_type_says_to_remove_the_quotes()
    {
        var error = ConfigAssert.SingleError(WithAccess("udp_port = \"1194\""));

        ConfigAssert.At(error, 8, 12, "access.udp_port: expected an integer, found a string (\"1194\")");
        Assert.Equal("remove the quotes: udp_port = 1194", error.Fix);
    }

    [Theory]
    [InlineData("10.9.0.1/24", "has host bits set")]
    [InlineData("10.9.0.0", "has no prefix length")]
    [InlineData("fd00:9::/64", "is not IPv4")]
    [InlineData("10.9.0.0/29", "/29 is too small: it is split in halves between the UDP and TCP servers")]
    [InlineData("10.0.0.0/8", "/8 is larger than needed")]
    public void Bad_pools_are_errors(string pool, string problem)
    {
        var error = ConfigAssert.SingleError(WithAccess($"pool = \"{pool}\""));

        ConfigAssert.At(error, 8, 8, "access.pool: ");
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_pool_is_a_warning()
    {
        var warning = SingleWarning(WithAccess("pool = \"198.51.100.0/24\""));

        ConfigAssert.At(warning, 8, 8, "access.pool: 198.51.100.0/24 is not a private range");
    }

    [Fact]
    public void The_pool_must_not_overlap_an_overlay_subnet_or_an_allowed_lan()
    {
        var result = ConfigAssert.Load("""
            [overlay]
            interface = "wg0"
            subnets = ["10.147.17.0/24"]
            allow_lan = ["192.168.8.0/22"]

            [egress]
            profile = "provider.ovpn"

            [access]
            pool = "10.147.0.0/16"
            """);
        var lan = ConfigAssert.Load("""
            [overlay]
            zerotier_network = "8bd5124fd6f4d0a1"
            allow_lan = ["192.168.8.0/22"]

            [egress]
            profile = "provider.ovpn"

            [access]
            pool = "192.168.9.0/24"
            """);

        ConfigAssert.At(Assert.Single(result.Diagnostics), 10, 8, "access.pool: 10.147.0.0/16 overlaps overlay.subnets[0] (10.147.17.0/24, line 3)");
        ConfigAssert.At(Assert.Single(lan.Diagnostics), 9, 8, "access.pool: 192.168.9.0/24 overlaps overlay.allow_lan[0] (192.168.8.0/22, line 3)");
    }

    [Fact]
    public void The_default_pool_overlapping_the_overlay_points_at_the_section_and_says_to_choose_one()
    {
        var error = ConfigAssert.SingleError("""
            [overlay]
            interface = "wg0"
            subnets = ["10.9.0.0/16"]

            [egress]
            profile = "provider.ovpn"

            [access]
            """);

        ConfigAssert.At(error, 8, 2, "access.pool: 10.9.0.0/24 (the default) overlaps overlay.subnets[0] (10.9.0.0/16, line 3)");
        Assert.Contains("choose a pool", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Dns_lists_the_server_and_other_resolvers_in_order_or_nothing()
    {
        var both = Access("dns = [\"9.9.9.9\", \"server\"]");
        var none = Access("dns = []");
        var withoutInternet = Access("allow_internet = false");

        Assert.True(both.DnsViaServer);
        Assert.Equal([IPAddress.Parse("9.9.9.9")], both.DnsServers);
        Assert.False(none.DnsViaServer);
        Assert.Empty(none.DnsServers);
        Assert.False(withoutInternet.DnsViaServer);
        Assert.Empty(withoutInternet.DnsServers);
    }

    [Theory]
    [InlineData("dns = [\"dns.quad9.net\"]", 8, "access.dns[0]: \"dns.quad9.net\" is neither \"server\" (the access server's own address) nor an IP address")]
    [InlineData("dns = [\"2620:fe::fe\"]", 8, "access.dns[0]: 2620:fe::fe is not IPv4")]
    [InlineData("dns = [\"127.0.0.53\"]", 8, "access.dns[0]: 127.0.0.53 cannot be a resolver for clients")]
    [InlineData("dns = [\"9.9.9.9\", \"9.9.9.9\"]", 19, "access.dns[1]: 9.9.9.9 is listed twice")]
    [InlineData("dns = [\"server\", \"server\"]", 18, "access.dns[1]: \"server\" is listed twice")]
    public void Bad_dns_entries_are_errors_at_the_entry(string line, int column, string message)
    {
        ConfigAssert.At(ConfigAssert.SingleError(WithAccess(line)), 8, column, message);
    }

    [Fact]
    public void Dns_via_the_server_needs_the_internet()
    {
        var error = ConfigAssert.SingleError(WithAccess("allow_internet = false\ndns = [\"server\"]"));

        ConfigAssert.At(error, 9, 8, "access.dns[0]: \"server\" redirects clients' DNS to the provider's resolver through the egress");
        Assert.Contains("dns = []", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("udp_device = \"wg-phones\"", 14, "access.udp_device: \"wg-phones\" must start with \"tun\"")]
    [InlineData("udp_device = \"tun\"", 14, "access.udp_device: \"tun\" alone lets OpenVPN pick any free tunN")]
    [InlineData("tcp_device = \"tun-much-too-long-1\"", 14, "is 19 characters long")]
    [InlineData("tcp_device = \"tuncw0\"", 14, "access.tcp_device: \"tuncw0\" is also egress.device")]
    [InlineData("tcp_device = \"tuncw-udp\"", 14, "access.tcp_device: \"tuncw-udp\" is also access.udp_device")]
    public void Bad_devices_are_errors(string line, int column, string message)
    {
        ConfigAssert.At(ConfigAssert.SingleError(WithAccess(line)), 8, column, message);
    }

    [Fact]
    public void An_access_device_cannot_be_the_overlay_interface()
    {
        var error = ConfigAssert.SingleError("""
            [overlay]
            interface = "tunzt"
            subnets = ["10.147.17.0/24"]

            [egress]
            profile = "provider.ovpn"

            [access]
            udp_device = "tunzt"
            """);

        ConfigAssert.At(error, 9, 14, "access.udp_device: \"tunzt\" is also overlay.interface");
    }

    [Theory]
    [InlineData("udp_port = 0\nudp_device = \"tunx\"", 9, 14, "access.udp_device: has no effect: the UDP server is off")]
    [InlineData("allow_overlay = false\nmasquerade_overlay = true", 9, 22, "access.masquerade_overlay: has no effect with allow_overlay = false")]
    [InlineData("allow_internet = false\nblock_ipv6 = true", 9, 14, "access.block_ipv6: has no effect with allow_internet = false")]
    public void Keys_that_do_nothing_draw_a_warning(string keys, int line, int column, string message)
    {
        ConfigAssert.At(SingleWarning(WithAccess(keys)), line, column, message);
    }

    [Fact]
    public void The_section_can_be_an_inline_table_or_dotted_keys()
    {
        var inline = ConfigAssert.Loads("access = { tcp_port = 8443 }\n" + ConfigAssert.Minimal).Settings!.Access!;
        var dotted = ConfigAssert.Loads("access.udp_port = 0\n" + ConfigAssert.Minimal).Settings!.Access!;

        Assert.Equal(8443, inline.Tcp!.Port);
        Assert.Equal(AccessTransport.Tcp, Assert.Single(dotted.Servers).Transport);
    }

    [Fact]
    public void Settings_compare_by_value_arrays_included()
    {
        const string keys = "dns = [\"server\", \"9.9.9.9\"]";

        Assert.Equal(Access(keys), Access(keys));
        Assert.NotEqual(Access(keys), Access("dns = [\"server\", \"9.9.9.10\"]"));
    }
}
