using System.Collections.Immutable;
using System.Net;
using Causeway.Core.Access;
using Causeway.Core.Model;
using Xunit;

namespace Causeway.Core.Tests.Access;

/// <summary>The access servers' configs, read back the way OpenVPN reads them.</summary>
public sealed class AccessServerConfigRendererTests
{
    private static string[] Options(AccessTransport transport, string keys = "") =>
        AccessTestData.Options(AccessServerConfigRenderer.Render(AccessTestData.Server(transport, keys)));

    [Fact]
    public void The_udp_server_with_the_defaults()
    {
        Assert.Equal(
            [
                "server 10.9.0.0 255.255.255.128",
                "topology subnet",
                "proto udp",
                "port 1194",
                "multihome",
                "dev tuncw-udp",
                "dev-type tun",
                "txqueuelen 1000",
                "persist-tun",
                "persist-key",
                "ca /var/lib/causeway/access/ca.crt",
                "cert /var/lib/causeway/access/server.crt",
                "key /var/lib/causeway/access/server.key",
                "dh none",
                "tls-crypt /var/lib/causeway/access/tls-crypt.key",
                "crl-verify /var/lib/causeway/access/crl.pem",
                "verify-client-cert require",
                "remote-cert-tls client",
                "tls-version-min 1.2",
                "data-ciphers AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305",
                "keepalive 10 30",
                "explicit-exit-notify 1",
                "push explicit-exit-notify 1",
                "fast-io",
                "sndbuf 2097152",
                "rcvbuf 2097152",
                "mssfix 1450 mtu",
                "push redirect-gateway def1 ipv6",
                "push ifconfig-ipv6 fd5c:a7c0:4e11::2/64 fd5c:a7c0:4e11::1",
                "push block-ipv6",
                "push route 10.222.0.0 255.255.255.0",
                "push dhcp-option DNS 10.9.0.1",
                "management /run/causeway/openvpn/access-udp.sock unix",
                "writepid /run/causeway/openvpn/access-udp.pid",
                "verb 3",
                "suppress-timestamps",
            ],
            Options(AccessTransport.Udp));
    }

    [Fact]
    public void The_tcp_server_with_the_defaults()
    {
        var options = Options(AccessTransport.Tcp);

        Assert.Equal(
            [
                "server 10.9.0.128 255.255.255.128",
                "topology subnet",
                "proto tcp-server",
                "port 443",
                "dev tuncw-tcp",
            ],
            options.Take(5));
        Assert.Contains("tcp-nodelay", options);
        Assert.Contains("push dhcp-option DNS 10.9.0.129", options);
        Assert.Contains("management /run/causeway/openvpn/access-tcp.sock unix", options);

        // UDP-only options would be ignored with a warning (or refused) over TCP.
        Assert.DoesNotContain(options, o => o.StartsWith("explicit-exit-notify", StringComparison.Ordinal)
            || o.StartsWith("push explicit-exit-notify", StringComparison.Ordinal)
            || o is "fast-io" or "multihome" || o.StartsWith("mssfix", StringComparison.Ordinal)
            || o.StartsWith("sndbuf", StringComparison.Ordinal) || o.StartsWith("rcvbuf", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(AccessTransport.Udp)]
    [InlineData(AccessTransport.Tcp)]
    public void No_script_and_no_option_that_runs_or_writes_anything_but_the_pid(AccessTransport transport)
    {
        var names = Options(transport, "client_to_client = true").Select(o => o.Split(' ')[0]).ToHashSet();

        string[] forbidden =
        [
            "script-security", "up", "down", "route-up", "route-pre-down", "client-connect", "client-disconnect", "learn-address",
            "auth-user-pass-verify", "tls-verify", "ipchange", "plugin", "tls-crypt-v2-verify", "status", "log", "log-append",
            "client-config-dir", "ifconfig-pool-persist", "user", "group", "chroot", "daemon", "duplicate-cn",
        ];
        Assert.Empty(names.Intersect(forbidden));
    }

    [Fact]
    public void Without_allow_internet_clients_keep_their_default_route_and_their_dns()
    {
        var options = Options(AccessTransport.Udp, "allow_internet = false");

        Assert.DoesNotContain(options, o => o.Contains("redirect-gateway", StringComparison.Ordinal));
        Assert.DoesNotContain(options, o => o.Contains("ipv6", StringComparison.Ordinal));
        Assert.DoesNotContain(options, o => o.Contains("dhcp-option", StringComparison.Ordinal));
        Assert.Contains("push route 10.222.0.0 255.255.255.0", options);
    }

    [Fact]
    public void Without_block_ipv6_only_ipv4_is_redirected()
    {
        var options = Options(AccessTransport.Udp, "block_ipv6 = false");

        Assert.Contains("push redirect-gateway def1", options);
        Assert.DoesNotContain(options, o => o.Contains("ipv6", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_allow_overlay_no_overlay_route_is_pushed()
    {
        Assert.DoesNotContain(Options(AccessTransport.Udp, "allow_overlay = false"), o => o.StartsWith("push route", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_ipv4_overlay_subnet_is_pushed_and_no_ipv6_one()
    {
        var server = AccessTestData.Server(AccessTransport.Udp) with
        {
            OverlaySubnets = [IPNetwork.Parse("10.222.0.0/24"), IPNetwork.Parse("172.27.0.0/16"), IPNetwork.Parse("fdcc:ca5e::/64")],
        };

        var routes = AccessTestData.Options(AccessServerConfigRenderer.Render(server)).Where(o => o.StartsWith("push route", StringComparison.Ordinal));

        Assert.Equal(["push route 10.222.0.0 255.255.255.0", "push route 172.27.0.0 255.255.0.0"], routes);
    }

    [Fact]
    public void Client_to_client_is_relayed_inside_the_server_and_the_whole_pool_is_routed_to_it()
    {
        var options = Options(AccessTransport.Tcp, "client_to_client = true");
        var single = Options(AccessTransport.Tcp, "client_to_client = true\nudp_port = 0");

        Assert.Contains("client-to-client", options);
        Assert.Contains("push route 10.9.0.0 255.255.255.0", options);
        Assert.DoesNotContain("client-to-client", Options(AccessTransport.Tcp));
        Assert.Contains("client-to-client", single);
        Assert.DoesNotContain("push route 10.9.0.0 255.255.255.0", single);
    }

    [Fact]
    public void Dns_pushes_the_server_address_first_then_the_listed_resolvers()
    {
        var both = Options(AccessTransport.Udp, "dns = [\"9.9.9.9\", \"server\"]").Where(o => o.Contains("dhcp-option", StringComparison.Ordinal));
        var listed = Options(AccessTransport.Udp, "dns = [\"10.222.0.53\"]").Where(o => o.Contains("dhcp-option", StringComparison.Ordinal));
        var none = Options(AccessTransport.Udp, "dns = []").Where(o => o.Contains("dhcp-option", StringComparison.Ordinal));

        Assert.Equal(["push dhcp-option DNS 10.9.0.1", "push dhcp-option DNS 9.9.9.9"], both);
        Assert.Equal(["push dhcp-option DNS 10.222.0.53"], listed);
        Assert.Empty(none);
    }

    [Fact]
    public void A_single_server_takes_the_whole_pool()
    {
        Assert.Equal("server 10.9.0.0 255.255.255.0", Options(AccessTransport.Udp, "tcp_port = 0")[0]);
    }

    [Fact]
    public void Paths_with_spaces_are_quoted_so_openvpn_reads_them_back_whole()
    {
        var instance = new InstanceSettings("causeway", "/var/lib/cause way", "/run/cw", "causeway", 7270, 7270, TimeSpan.FromSeconds(2));
        var server = AccessTestData.Server(AccessTransport.Udp) with { Paths = AccessPaths.For(instance) };

        var text = AccessServerConfigRenderer.Render(server);

        Assert.Contains("ca \"/var/lib/cause way/access/ca.crt\"\n", text, StringComparison.Ordinal);
        Assert.Contains("ca /var/lib/cause way/access/ca.crt", AccessTestData.Options(text));
    }

    [Fact]
    public void A_server_that_is_not_one_of_the_settings_is_refused()
    {
        var server = AccessTestData.Server(AccessTransport.Udp);
        var stranger = server with { Server = server.Server with { Port = 1195 } };

        Assert.Throws<ArgumentException>(() => AccessServerConfigRenderer.Render(stranger));
    }

    [Fact]
    public void Every_line_but_comments_and_blanks_is_an_option_openvpn_reads_as_written()
    {
        var text = AccessServerConfigRenderer.Render(AccessTestData.Server(AccessTransport.Udp));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToImmutableArray();

        Assert.Equal(lines.Length, AccessTestData.Options(text).Length);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(24, "255.255.255.0")]
    [InlineData(25, "255.255.255.128")]
    [InlineData(16, "255.255.0.0")]
    [InlineData(29, "255.255.255.248")]
    public void Masks_are_dotted(int prefix, string mask)
    {
        Assert.Equal(mask, AccessServerConfigRenderer.Mask(new IPNetwork(IPAddress.Parse("10.0.0.0"), prefix)));
    }
}
