using Causeway.Core.Model;
using Causeway.Core.Profiles;
using Xunit;

namespace Causeway.Core.Tests.Profiles;

/// <summary>Single rules of the sanitizer, on small profiles.</summary>
public sealed class ProfileSanitizerTests
{
    private const string ProfilePath = "/etc/causeway/provider.ovpn";

    private readonly Dictionary<string, string> _files = [];
    private readonly List<string> _reads = [];

    private ProfileSanitizeResult Sanitize(string text) =>
        ProfileSanitizer.Sanitize(ProfileParser.Parse(text, ProfilePath), path =>
        {
            _reads.Add(path);
            return _files.GetValueOrDefault(path);
        });

    private SanitizedProfile Clean(string text)
    {
        var result = Sanitize(text);
        Assert.Empty(result.Diagnostics);
        return Assert.IsType<SanitizedProfile>(result.Profile);
    }

    private ProfileDiagnostic OnlyError(string text)
    {
        var result = Sanitize(text);
        Assert.Null(result.Profile);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        return error;
    }

    [Fact]
    public void Every_kept_option_of_a_full_client_profile_passes_without_a_finding()
    {
        var profile = Clean(TestMaterial.Profile(TestMaterial.EveryKeptOption));

        Assert.Equal(64, profile.Directives.Length);
        Assert.Equal(["C=CH, O=Example AG, CN=node-01", "subject"], profile.Directives.Single(d => d.Name == "verify-x509-name").Arguments);
    }

    [Fact]
    public void The_full_client_profile_holds_every_kept_option_so_the_openvpn_test_covers_them_all()
    {
        var text = TestMaterial.Profile(TestMaterial.EveryKeptOption + "\n" + TestMaterial.ExclusiveKeptOptions);
        var names = ProfileParser.Parse(text, ProfilePath).Directives.Select(d => d.Name);
        var kept = DirectivePolicy.Rules.Where(r => r.Value.Disposition == DirectiveDisposition.Keep).Select(r => r.Key);

        Assert.Empty(kept.Except(names));
    }

    [Fact]
    public void A_referenced_file_is_read_relative_to_the_profile_directory_and_inlined()
    {
        _files["/etc/causeway/keys/ca.crt"] = TestMaterial.Certificate;
        _files["/opt/vpn/ta.key"] = TestMaterial.StaticKey;

        var profile = Clean("client\nremote 192.0.2.1 1194\nca keys/ca.crt\ntls-crypt /opt/vpn/ta.key\n");

        Assert.Equal(["/etc/causeway/keys/ca.crt", "/opt/vpn/ta.key"], _reads);
        Assert.Equal(
            [("ca", TestMaterial.Certificate, 3, "/etc/causeway/keys/ca.crt"), ("tls-crypt", TestMaterial.StaticKey, 4, "/opt/vpn/ta.key")],
            profile.InlineBlocks.Select(b => (b.Name, b.Content, b.Line, b.SourceFile)));
        Assert.DoesNotContain(profile.Directives, d => d.Name is "ca" or "tls-crypt");
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_the_line_and_the_resolved_path()
    {
        var error = OnlyError("client\nremote 192.0.2.1 1194\nca \"my keys/ca.crt\"\n");

        Assert.Equal(
            "/etc/causeway/provider.ovpn:3: error: ca: cannot read /etc/causeway/my keys/ca.crt (a relative name starts from the profile's directory) (put the file there, or inline its content between <ca> and </ca>)",
            error.ToString());
    }

    [Fact]
    public void A_referenced_file_must_hold_the_material_its_option_expects()
    {
        _files["/etc/shadow"] = "root:$y$j9T$abc:19000:0:99999:7:::\n";

        var error = OnlyError("client\nremote 192.0.2.1 1194\nca /etc/shadow\n");

        Assert.Equal((3, "ca"), (error.Line, error.Directive));
        Assert.Equal("/etc/shadow holds no PEM certificate (-----BEGIN CERTIFICATE-----)", error.Message);
        Assert.DoesNotContain("root:", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cert", "-----BEGIN OpenVPN Static key V1-----\n", "holds no PEM certificate")]
    [InlineData("key", "-----BEGIN CERTIFICATE-----\n", "holds no PEM private key")]
    [InlineData("key", TestMaterial.EncryptedPrivateKey, "passphrase-protected")]
    [InlineData("tls-auth", TestMaterial.Certificate, "holds no OpenVPN static key")]
    [InlineData("tls-crypt-v2", "-----BEGIN OpenVPN tls-crypt-v2 server key-----\nAAAA\n-----END OpenVPN tls-crypt-v2 server key-----\n", "SERVER key")]
    [InlineData("crl-verify", TestMaterial.Certificate, "holds no PEM certificate revocation list")]
    [InlineData("pkcs12", "not base64!\n", "is not base64")]
    [InlineData("peer-fingerprint", "AB:CD\n", "SHA-256 fingerprints")]
    [InlineData("extra-certs", "  \n", "is empty")]
    public void Inline_material_of_the_wrong_kind_is_an_error(string name, string content, string problem)
    {
        var result = Sanitize(TestMaterial.Profile($"<{name}>\n{content}</{name}>"));

        var error = Assert.Single(result.Diagnostics, d => d.Directive == name && d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(3, error.Line);
        Assert.StartsWith($"the <{name}> block ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Null(result.Profile);
    }

    [Fact]
    public void A_pkcs12_file_cannot_be_inlined_as_text_and_the_error_says_how_to_inline_it()
    {
        var error = OnlyError("client\nremote 192.0.2.1 1194\npkcs12 client.p12\n");

        Assert.Equal(3, error.Line);
        Assert.Equal("inline it as base64: put the output of 'openssl base64 -in client.p12' between <pkcs12> and </pkcs12>", error.Fix);
        Assert.Empty(_reads);
    }

    [Fact]
    public void An_inline_pkcs12_bundle_is_a_client_certificate_and_a_ca()
    {
        var profile = Clean("client\nremote 192.0.2.1 1194\n<pkcs12>\nMIIKfakeBASE64+/=\nAAAA\n</pkcs12>\n");

        Assert.True(profile.HasClientCertificate);
    }

    [Fact]
    public void Peer_fingerprint_is_a_value_not_a_file_and_replaces_the_ca()
    {
        var fingerprint = string.Join(':', Enumerable.Repeat("ab", 32));

        var profile = Clean($"client\nremote 192.0.2.1 1194\npeer-fingerprint {fingerprint}\n");

        Assert.Empty(_reads);
        Assert.Equal([("peer-fingerprint", fingerprint + "\n")], profile.InlineBlocks.Select(b => (b.Name, b.Content)));
    }

    [Fact]
    public void The_same_material_twice_is_an_error_naming_both_lines()
    {
        _files["/etc/causeway/ca.crt"] = TestMaterial.Certificate;

        var result = Sanitize(TestMaterial.Profile("ca ca.crt"));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((4, "ca is given twice (lines 3 and 4): OpenVPN would silently use the last"), (error.Line, error.Message));
    }

    [Fact]
    public void A_profile_without_a_remote_or_a_ca_gets_whole_file_errors_last()
    {
        var result = Sanitize("client\nfrobnicate\n");

        Assert.Equal([(2, "frobnicate"), (0, "remote"), (0, "ca")], result.Diagnostics.Select(d => (d.Line, d.Directive)));
        Assert.Equal(
            "/etc/causeway/provider.ovpn: error: remote: the profile names no server (no remote line) (add a line 'remote <host> <port> <udp|tcp>')",
            result.Diagnostics[1].ToString());
    }

    [Fact]
    public void A_client_certificate_without_its_key_is_an_error()
    {
        var error = OnlyError(TestMaterial.Profile($"<cert>\n{TestMaterial.Certificate}</cert>"));

        Assert.Equal((3, "cert", "the profile has a client cert but no key: OpenVPN needs both"), (error.Line, error.Directive, error.Message));
    }

    [Fact]
    public void Two_control_channel_keys_are_an_error()
    {
        var error = OnlyError(TestMaterial.Profile(
            $"<tls-auth>\n{TestMaterial.StaticKey}</tls-auth>\n<tls-crypt>\n{TestMaterial.StaticKey}</tls-crypt>"));

        Assert.Equal("tls-crypt", error.Directive);
        Assert.Contains("tls-auth (line 3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remote_defaults_come_from_the_last_proto_and_port_wherever_they_are_as_in_openvpn()
    {
        var profile = Clean(TestMaterial.Profile("remote b.example.net\nremote c.example.net 443 udp6\nport 1195\nproto tcp-client"));

        Assert.Equal(
            [
                new ProfileRemote("192.0.2.10", 1194, TransportProtocol.Udp, "udp", 2),
                new ProfileRemote("b.example.net", 1195, TransportProtocol.Tcp, "tcp", 3),
                new ProfileRemote("c.example.net", 443, TransportProtocol.Udp, "udp6", 4),
            ],
            profile.Remotes);
        Assert.Equal(
            ["remote 192.0.2.10 1194 udp", "remote b.example.net 1195 tcp", "remote c.example.net 443 udp6"],
            profile.Directives.Where(d => d.Name == "remote").Select(d => d.Display));
        Assert.DoesNotContain(profile.Directives, d => d.Name is "port" or "proto");
    }

    [Theory]
    [InlineData("remote 192.0.2.1 1194 UDP", "'UDP' is not a client protocol")]
    [InlineData("remote 192.0.2.1 1194 tcp-server", "'tcp-server' is not a client protocol")]
    [InlineData("remote 192.0.2.1 70000", "'70000' is not a port")]
    [InlineData("remote -oProxyCommand=x", "is not a host name or IP address")]
    [InlineData("remote a.example.net 1194 udp extra", "takes 1 to 3 parameters, not 4")]
    [InlineData("proto tcp-server", "must be one of: udp")]
    [InlineData("port http", "must be a whole number from 1 to 65535")]
    [InlineData("verb loud", "must be a whole number from 0 to 11")]
    [InlineData("key-direction 2", "must be one of: 0, 1")]
    [InlineData("pull-filter drop route", "must be one of: accept, ignore, reject")]
    [InlineData("client extra", "takes no parameters, not 1")]
    [InlineData("cipher \"AES 256\"", "must be one word of printable ASCII")]
    [InlineData("verify-x509-name \"CN=a\tb\"", "control character")]
    [InlineData("tls-auth ta.key 2", "the key direction must be 0 or 1")]
    [InlineData("crl-verify /etc/crls dir", "reads a directory")]
    public void Bad_parameters_of_kept_options_are_errors_naming_the_line(string line, string problem)
    {
        var result = Sanitize(TestMaterial.Profile(line));

        Assert.Null(result.Profile);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Error, 3), (error.Severity, error.Line));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Fix);
    }

    [Fact]
    public void Tun_mtu_and_link_mtu_together_are_an_error_openvpn_would_give_at_start()
    {
        var error = OnlyError(TestMaterial.Profile("link-mtu 1542\ntun-mtu 1500"));

        Assert.Equal((4, "tun-mtu"), (error.Line, error.Directive));
        Assert.Contains("link-mtu (line 3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fragment_with_a_tcp_remote_is_an_error_openvpn_would_give_at_start()
    {
        var error = OnlyError(TestMaterial.Profile("fragment 1300\nremote 192.0.2.11 443 tcp"));

        Assert.Equal((3, "fragment"), (error.Line, error.Directive));
        Assert.Contains("remote at line 4 uses TCP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ncp_ciphers_becomes_data_ciphers()
    {
        var profile = Clean(TestMaterial.Profile("ncp-ciphers AES-256-GCM:AES-128-GCM"));

        Assert.Contains(profile.Directives, d => d.Display == "data-ciphers AES-256-GCM:AES-128-GCM");
        Assert.DoesNotContain(profile.Directives, d => d.Name == "ncp-ciphers");
    }

    [Fact]
    public void A_tls_auth_direction_that_contradicts_key_direction_is_an_error()
    {
        _files["/etc/causeway/ta.key"] = TestMaterial.StaticKey;

        var error = OnlyError(TestMaterial.Profile("key-direction 0\ntls-auth ta.key 1"));

        Assert.Equal((3, "key-direction"), (error.Line, error.Directive));
        Assert.Contains("contradicts the direction 1 given to tls-auth at line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tls_crypt_v2_server_flag_is_dropped_with_a_warning()
    {
        _files["/etc/causeway/client.key"] = "-----BEGIN OpenVPN tls-crypt-v2 client key-----\nAAAA\n-----END OpenVPN tls-crypt-v2 client key-----\n";

        var result = Sanitize(TestMaterial.Profile("tls-crypt-v2 client.key force-cookie"));

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, 3), (warning.Severity, warning.Line));
        Assert.Equal(["ca", "tls-crypt-v2"], result.Profile!.InlineBlocks.Select(b => b.Name).Order());
    }

    [Fact]
    public void Inline_credentials_are_not_used_but_say_the_provider_needs_credentials()
    {
        var result = Sanitize(TestMaterial.Profile("<auth-user-pass>\nalice\nsecret\n</auth-user-pass>"));

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, 3, "auth-user-pass"), (warning.Severity, warning.Line, warning.Directive));
        Assert.Contains("egress.auth", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", warning.ToString(), StringComparison.Ordinal);
        Assert.Equal(3, result.Profile!.CredentialsLine);
        Assert.DoesNotContain(result.Profile.InlineBlocks, b => b.Name == "auth-user-pass");
    }

    [Fact]
    public void Auth_user_pass_naming_any_file_never_reads_it()
    {
        var result = Sanitize(TestMaterial.Profile("auth-user-pass /etc/shadow"));

        Assert.Empty(_reads);
        Assert.True(result.Profile!.RequiresCredentials);
    }

    [Theory]
    [InlineData("<connection>\nremote 192.0.2.2 443 tcp\n</connection>", "connection", "<connection> blocks are not supported yet")]
    [InlineData("<secret>\nkey\n</secret>", "secret", "static-key mode")]
    [InlineData("<remote>\n192.0.2.2\n</remote>", "remote", "cannot be an inline block")]
    [InlineData("<frobnicate>\nx\n</frobnicate>", "frobnicate", "<frobnicate> is not a block Causeway accepts")]
    [InlineData("http-proxy 192.0.2.8 8080 /etc/shadow basic", "http-proxy", "connects through an HTTP proxy")]
    [InlineData("static-challenge \"Enter OTP\" 1", "static-challenge", "one-time code")]
    [InlineData("dev-type tap", "dev-type", "layer-2 (tap)")]
    [InlineData("providers legacy default", "providers", "loads OpenSSL providers")]
    [InlineData("status /tmp/status.log", "status", "writes a status file (/tmp/status.log)")]
    [InlineData("askpass /root/pass.txt", "askpass", "passphrase")]
    [InlineData("management-external-key", "management-external-key", "sign with the private key")]
    [InlineData("UP /tmp/evil", "UP", "is not an option Causeway accepts")]
    public void Refused_lines_are_errors_that_say_what_the_line_would_do(string line, string directive, string message)
    {
        var error = OnlyError(TestMaterial.Profile(line));

        Assert.Equal((3, directive), (error.Line, error.Directive));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Fix);
    }

    [Theory]
    [InlineData("redirect-gateway def1 bypass-dhcp")]
    [InlineData("route 10.0.0.0 255.0.0.0")]
    [InlineData("route-nopull")]
    [InlineData("dhcp-option DNS 10.8.0.1")]
    [InlineData("keepalive 10 60")]
    [InlineData("ping-exit 60")]
    [InlineData("lport 1194")]
    [InlineData("daemon")]
    [InlineData("syslog")]
    [InlineData("key-method 2")]
    [InlineData("ncp-disable")]
    [InlineData("keysize 256")]
    [InlineData("topology subnet")]
    [InlineData("route-method exe")]
    [InlineData("up-delay")]
    [InlineData("setenv-safe FOO bar")]
    [InlineData("dev tun0")]
    public void Stripped_lines_are_warnings_and_leave_nothing_behind(string line)
    {
        var result = Sanitize(TestMaterial.Profile(line));

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, 3, line.Split(' ')[0]), (warning.Severity, warning.Line, warning.Directive));
        Assert.EndsWith("line dropped", warning.Message, StringComparison.Ordinal);
        Assert.Equal(["client", "remote"], result.Profile!.Directives.Select(d => d.Name));
    }

    [Fact]
    public void Control_characters_from_the_profile_are_escaped_in_diagnostics()
    {
        var result = Sanitize(TestMaterial.Profile("\u001b[2Jevil\u001b[0m 1\nup \"/bin/sh\u0007\""));

        Assert.All(result.Diagnostics, d => Assert.DoesNotContain(d.ToString(), char.IsControl));
        Assert.Equal("\\x1b[2Jevil\\x1b[0m", result.Diagnostics[0].Directive);
        Assert.Contains("\"/bin/sh\\x07\"", result.Diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_errors_are_part_of_the_result()
    {
        var result = Sanitize(TestMaterial.Profile("verify-x509-name \"CN=x"));

        Assert.Null(result.Profile);
        Assert.Equal([(3, "verify-x509-name")], result.Diagnostics.Select(d => (d.Line, d.Directive)));
    }

    [Fact]
    public void Diagnostic_to_string_is_file_line_severity_directive_message_fix()
    {
        var diagnostic = new ProfileDiagnostic(DiagnosticSeverity.Warning, "/p.ovpn", 7, "up", "would run x", null);

        Assert.Equal("/p.ovpn:7: warning: up: would run x", diagnostic.ToString());
        Assert.Equal("/p.ovpn: error: would run x (do y)", (diagnostic with { Severity = DiagnosticSeverity.Error, Line = 0, Directive = "", Fix = "do y" }).ToString());
    }
}
