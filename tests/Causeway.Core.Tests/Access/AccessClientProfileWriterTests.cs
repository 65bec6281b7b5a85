using Causeway.Core.Access;
using Causeway.Core.Model;
using Causeway.Core.Pki;
using Causeway.Core.Tests.Planning;
using Xunit;

namespace Causeway.Core.Tests.Access;

/// <summary>The unified client profile: what stock clients need, in plain top-level options, every key inline.</summary>
public sealed class AccessClientProfileWriterTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly CertificateAuthority _ca = CertificateAuthority.Create("Causeway causeway access CA", Now, TimeSpan.FromDays(3650));
    private readonly string _tlsCrypt = TlsCryptKey.Generate().ToOpenVpnFormat();

    public void Dispose() => _ca.Dispose();

    private AccessClientProfileOptions Options(string host = "vpn.example.net", string keys = "")
    {
        var client = _ca.IssueClient("anna-phone", Now, TimeSpan.FromDays(365));
        return new AccessClientProfileOptions("causeway", host, DuoExample.Access(keys).Servers, "causeway-access", _ca.CertificatePem, client, _tlsCrypt, Now);
    }

    [Fact]
    public void Options_in_order_then_the_inline_keys()
    {
        var options = AccessTestData.Options(AccessClientProfileWriter.Write(Options()));

        Assert.Equal(
            [
                "client",
                "dev tun",
                "nobind",
                "remote vpn.example.net 1194 udp",
                "remote vpn.example.net 443 tcp",
                "server-poll-timeout 4",
                "connect-retry 1 10",
                "persist-key",
                "persist-tun",
                "remote-cert-tls server",
                "verify-x509-name causeway-access name",
                "tls-version-min 1.2",
                "data-ciphers AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305",
                "verb 3",
                "<ca>",
                "<cert>",
                "<key>",
                "<tls-crypt>",
            ],
            options);
    }

    [Fact]
    public void The_inline_blocks_hold_exactly_the_material()
    {
        var options = Options();
        var parsed = Causeway.Core.Profiles.ProfileParser.Parse(AccessClientProfileWriter.Write(options), "phone.ovpn");
        string Block(string name) => parsed.Directives.Single(d => d.Name == name && d.IsInlineBlock).InlineContent!;

        Assert.Equal(_ca.CertificatePem.TrimEnd('\n') + "\n", Block("ca"));
        Assert.Equal(options.Client.CertificatePem.TrimEnd('\n') + "\n", Block("cert"));
        Assert.Equal(options.Client.PrivateKeyPem.TrimEnd('\n') + "\n", Block("key"));
        Assert.Equal(TlsCryptKey.Parse(_tlsCrypt).KeyMaterial.ToArray(), TlsCryptKey.Parse(Block("tls-crypt")).KeyMaterial.ToArray());
    }

    [Fact]
    public void No_connection_blocks_no_scripts_and_no_file_paths()
    {
        var text = AccessClientProfileWriter.Write(Options());
        var names = AccessTestData.Options(text).Select(o => o.Split(' ')[0]).ToHashSet();

        Assert.DoesNotContain("<connection>", text, StringComparison.Ordinal);
        Assert.Empty(names.Intersect(["script-security", "up", "down", "route-up", "plugin", "auth-user-pass", "log", "status", "management", "dev-type"]));
        Assert.DoesNotContain("/var/lib", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tcp_only_access_gives_one_tcp_remote()
    {
        var remotes = AccessTestData.Options(AccessClientProfileWriter.Write(Options(keys: "udp_port = 0\ntcp_port = 8443")))
            .Where(o => o.StartsWith("remote ", StringComparison.Ordinal));

        Assert.Equal(["remote vpn.example.net 8443 tcp"], remotes);
    }

    [Fact]
    public void An_ipv6_server_address_is_written_as_it_is()
    {
        var remotes = AccessTestData.Options(AccessClientProfileWriter.Write(Options(host: "2001:db8::7")))
            .Where(o => o.StartsWith("remote ", StringComparison.Ordinal));

        Assert.Equal(["remote 2001:db8::7 1194 udp", "remote 2001:db8::7 443 tcp"], remotes);
    }

    [Fact]
    public void The_header_names_the_client_the_host_and_the_dates_and_warns_about_the_key()
    {
        var text = AccessClientProfileWriter.Write(Options());

        Assert.StartsWith("# OpenVPN profile \"anna-phone\" for vpn.example.net, made by Causeway (instance causeway)\n# on 2026-03-01 12:00:00Z;", text, StringComparison.Ordinal);
        Assert.Contains("keep it as secret as a password", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vpn example")]
    [InlineData("vpn\"x")]
    [InlineData("")]
    [InlineData("a#b")]
    public void A_host_that_cannot_be_written_is_refused(string host)
    {
        Assert.Throws<ArgumentException>(() => AccessClientProfileWriter.Write(Options(host: host)));
    }

    [Fact]
    public void Material_that_could_close_its_block_early_is_refused()
    {
        var options = Options() with { TlsCryptKey = "</tls-crypt>\nscript-security 2\n" };

        Assert.Throws<ArgumentException>(() => AccessClientProfileWriter.Write(options));
    }

    [Fact]
    public void ToString_never_prints_the_key()
    {
        var options = Options();

        Assert.DoesNotContain("PRIVATE KEY", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("anna-phone", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_server_is_a_remote_in_the_servers_order()
    {
        var servers = DuoExample.Access().Servers;

        Assert.Equal([AccessTransport.Udp, AccessTransport.Tcp], servers.Select(s => s.Transport));
    }
}
