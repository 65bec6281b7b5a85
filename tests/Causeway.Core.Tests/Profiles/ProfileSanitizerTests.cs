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
    public void A_ca_file_followed_by_an_inline_ca_uses_the_block_and_never_reads_the_file()
    {
        // TorGuard's files: "ca ca.crt", then the same certificate inline. OpenVPN uses the last and opens no file.
        var result = Sanitize(TestMaterial.Profile("ca ca.crt"));

        Assert.Empty(_reads);
        var note = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, 3, "ca", true), (note.Severity, note.Line, note.Directive, note.IsRoutine));
        Assert.Equal("replaced by the <ca> block at line 4, as OpenVPN uses the last ca; the file is not read; line dropped", note.Message);
        Assert.Equal([("ca", 4, (string?)null)], result.Profile!.InlineBlocks.Select(b => (b.Name, b.Line, b.SourceFile)));
    }

    [Fact]
    public void A_later_file_replaces_an_earlier_inline_block_as_in_openvpn_with_a_warning()
    {
        _files["/etc/causeway/other-ca.crt"] = TestMaterial.Certificate.Replace("fake", "file", StringComparison.Ordinal);

        var result = Sanitize($"client\nremote 192.0.2.10\n<ca>\n{TestMaterial.Certificate}</ca>\nca other-ca.crt\n");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, 3, false), (warning.Severity, warning.Line, warning.IsRoutine));
        Assert.StartsWith("replaced by the ca line at line 8", warning.Message, StringComparison.Ordinal);
        Assert.Equal(["/etc/causeway/other-ca.crt"], _reads);
        Assert.Equal("/etc/causeway/other-ca.crt", Assert.Single(result.Profile!.InlineBlocks).SourceFile);
    }

    [Fact]
    public void Two_files_for_the_same_material_read_only_the_last()
    {
        _files["/etc/causeway/b.crt"] = TestMaterial.Certificate;

        var result = Sanitize("client\nremote 192.0.2.10\nca a.crt\nca b.crt\n");

        Assert.Equal(["/etc/causeway/b.crt"], _reads);
        Assert.Equal((3, false), (Assert.Single(result.Diagnostics).Line, result.HasErrors));
    }

    [Theory]
    [InlineData("[inline]")]
    [InlineData("[INLINE]")]
    [InlineData("[[INLINE]]")]
    public void The_inline_marker_stands_for_the_inline_block_wherever_it_is_and_is_never_a_file(string marker)
    {
        var profile = Clean(
            $"client\nremote 192.0.2.10\n<ca>\n{TestMaterial.Certificate}</ca>\nca {marker}\ntls-auth {marker} 1\n<tls-auth>\n{TestMaterial.StaticKey}</tls-auth>\n");

        Assert.Empty(_reads);
        Assert.Equal(["ca", "tls-auth"], profile.InlineBlocks.Select(b => b.Name));
        Assert.Contains(profile.Directives, d => d.Display == "key-direction 1");
    }

    [Fact]
    public void The_inline_marker_followed_by_a_file_uses_the_file()
    {
        _files["/etc/causeway/real.crt"] = TestMaterial.Certificate;

        var profile = Clean("client\nremote 192.0.2.10\nca [inline]\nca real.crt\n");

        Assert.Equal(["/etc/causeway/real.crt"], _reads);
        Assert.Equal("/etc/causeway/real.crt", Assert.Single(profile.InlineBlocks).SourceFile);
    }

    [Fact]
    public void The_inline_marker_without_a_block_is_an_error_and_no_file_is_looked_for()
    {
        var error = OnlyError($"client\nremote 192.0.2.10\ntls-crypt [inline]\n<ca>\n{TestMaterial.Certificate}</ca>\n");

        Assert.Empty(_reads);
        Assert.Equal((3, "tls-crypt"), (error.Line, error.Directive));
        Assert.StartsWith("'[inline]' stands for an inline <tls-crypt> block", error.Message, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("passtos", "TOS byte")]
    [InlineData("tls-exit", "restarts it instead")]
    [InlineData("mtu-test", "only measures the path MTU")]
    public void Harmless_options_old_profiles_carry_are_dropped_with_a_warning_of_their_own(string line, string why)
    {
        var result = Sanitize(TestMaterial.Profile(line));

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, 3, line, false), (warning.Severity, warning.Line, warning.Directive, warning.IsRoutine));
        Assert.Contains(why, warning.Message, StringComparison.Ordinal);
        Assert.NotNull(warning.Fix);
        Assert.Equal(["client", "remote"], result.Profile!.Directives.Select(d => d.Name));
    }

    [Fact]
    public void Passtos_says_it_would_show_the_forwarded_clients_tos_on_the_uplink()
    {
        var warning = Assert.Single(Sanitize(TestMaterial.Profile("passtos")).Diagnostics);

        Assert.Contains("the forwarded clients'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("onto the encrypted packets on the uplink", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("remote-cert-ku 0x00e0")]
    [InlineData("remote-cert-ku 0X00E0")]
    [InlineData("remote-cert-ku 00e0")]
    [InlineData("remote-cert-ku e0 a0 88")]
    [InlineData("remote-cert-ku 0xe0 0xA0 88")]
    [InlineData("remote-cert-ku")]
    public void Remote_cert_ku_takes_hexadecimal_as_openvpn_reads_it(string line)
    {
        var profile = Clean(TestMaterial.Profile(line));

        Assert.Equal(line, profile.Directives.Single(d => d.Name == "remote-cert-ku").Display);
    }

    [Theory]
    [InlineData("remote-cert-ku 0x")]
    [InlineData("remote-cert-ku e0 xyz")]
    [InlineData("remote-cert-ku 0x1ffffffff")]
    [InlineData("remote-cert-ku -e0")]
    public void Remote_cert_ku_refuses_what_is_not_a_hexadecimal_number(string line)
    {
        var error = OnlyError(TestMaterial.Profile(line));

        Assert.Contains("must be a hexadecimal number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_is_windows_only_and_dropped_like_block_outside_dns()
    {
        var result = Sanitize(TestMaterial.Profile("service vpn-exit-event 0\nblock-outside-dns"));

        Assert.Equal([("service", true), ("block-outside-dns", true)], result.Diagnostics.Select(d => (d.Directive, d.IsRoutine)));
        Assert.StartsWith("Windows only", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void Tls_remote_is_refused_with_its_replacement()
    {
        var error = OnlyError(TestMaterial.Profile("tls-remote vpn.example.net"));

        Assert.Equal((3, "tls-remote"), (error.Line, error.Directive));
        Assert.Contains("removed in OpenVPN 2.4", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("replace it with 'verify-x509-name vpn.example.net name'", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Setenv_opt_is_unwrapped_and_the_option_inside_goes_through_the_allowlist()
    {
        var result = Sanitize(TestMaterial.Profile("setenv opt tls-cipher \"DEFAULT:@SECLEVEL=0\"\nsetenv opt block-outside-dns"));

        Assert.False(result.HasErrors);
        Assert.Contains(result.Profile!.Directives, d => d.Display == "tls-cipher DEFAULT:@SECLEVEL=0" && d.Line == 3);
        Assert.Equal([(4, "block-outside-dns", true)], result.Diagnostics.Select(d => (d.Line, d.Directive, d.IsRoutine)));
    }

    [Theory]
    [InlineData("setenv opt plugin /tmp/evil.so", "plugin", "loads a shared library")]
    [InlineData("setenv opt frobnicate 1", "frobnicate", "is not an option Causeway accepts")]
    [InlineData("setenv opt remote-cert-ku zz", "remote-cert-ku", "must be a hexadecimal number")]
    [InlineData("setenv opt", "setenv", "names no option")]
    public void Setenv_opt_refuses_what_the_allowlist_refuses(string line, string directive, string message)
    {
        var error = OnlyError(TestMaterial.Profile(line));

        Assert.Equal((3, directive), (error.Line, error.Directive));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_setenv_lines_are_still_dropped()
    {
        var result = Sanitize(TestMaterial.Profile("setenv CLIENT_CERT 0\nsetenv optional 1"));

        Assert.Equal([("setenv", true), ("setenv", true)], result.Diagnostics.Select(d => (d.Directive, d.IsRoutine)));
        Assert.Equal(["client", "remote"], result.Profile!.Directives.Select(d => d.Name));
    }

    [Theory]
    [InlineData("dev tun", true)]
    [InlineData("auth-user-pass", true)]
    [InlineData("ping 10", true)]
    [InlineData("ping-restart 60", true)]
    [InlineData("keepalive 10 60", true)]
    [InlineData("route 10.0.0.0 255.0.0.0", true)]
    [InlineData("redirect-gateway def1", true)]
    [InlineData("dhcp-option DNS 10.8.0.1", true)]
    [InlineData("script-security 2", true)]
    [InlineData("up /etc/openvpn/update-resolv-conf", true)]
    [InlineData("down /etc/openvpn/scripts/update-systemd-resolved", true)]
    [InlineData("user nobody", true)]
    [InlineData("up /tmp/run-me", false)]
    [InlineData("route-up /etc/openvpn/update-resolv-conf", false)]
    [InlineData("daemon", false)]
    [InlineData("ifconfig 10.8.0.2 255.255.255.0", false)]
    [InlineData("no-replay", false)]
    public void Drops_every_provider_profile_has_are_routine_and_surprising_ones_are_not(string line, bool routine)
    {
        var warning = Assert.Single(Sanitize(TestMaterial.Profile(line)).Diagnostics);

        Assert.Equal((DiagnosticSeverity.Warning, routine), (warning.Severity, warning.IsRoutine));
        Assert.Equal(routine, warning.Fix is null);
        Assert.Equal(routine ? "note" : "warning", warning.ToString().Split(": ")[1]);
    }

    [Fact]
    public void Messages_quote_at_most_a_short_excerpt_of_a_line()
    {
        var longName = "root:$y$j9T$" + new string('s', 22) + "$" + new string('h', 43) + ":19000:0:99999:7:::";
        var longHost = "h!" + new string('x', 200) + ".example.net";

        var result = Sanitize(TestMaterial.Profile($"{longName}\nremote {longHost} 1194\nup \"/bin/sh -c '{new string('y', 150)}'\""));

        Assert.Equal(3, result.Diagnostics.Length);
        Assert.All(result.Diagnostics, d => Assert.DoesNotContain(new string('h', 20), d.ToString(), StringComparison.Ordinal));
        Assert.All(result.Diagnostics, d => Assert.DoesNotContain(new string('x', 61), d.ToString(), StringComparison.Ordinal));
        Assert.All(result.Diagnostics, d => Assert.DoesNotContain(new string('y', 61), d.ToString(), StringComparison.Ordinal));
        Assert.True(result.Diagnostics[0].Directive.Length <= 32, result.Diagnostics[0].Directive);
        Assert.Contains("…", result.Diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Excerpts_keep_the_start_and_the_end_and_escape_control_characters()
    {
        Assert.Equal("short", ProfileDiagnostic.Excerpt("short"));
        var excerpt = ProfileDiagnostic.Excerpt("/etc/openvpn/" + new string('d', 100) + "/ca.crt");
        Assert.Equal(60, excerpt.Length);
        Assert.StartsWith("/etc/openvpn/ddd", excerpt, StringComparison.Ordinal);
        Assert.EndsWith("ddd/ca.crt", excerpt, StringComparison.Ordinal);
        Assert.Equal("a\\x1b[2Jb\\u202e", ProfileDiagnostic.Excerpt("a\u001b[2Jb\u202e"));
        Assert.True(ProfileDiagnostic.Excerpt(new string('\u0007', 1000)).Length <= 4 * 60);
    }

    [Fact]
    public void A_private_key_file_others_can_read_is_refused_as_the_auth_file_is()
    {
        var result = ProfileSanitizer.SanitizeChecked(
            ProfileParser.Parse(TestMaterial.Profile("tls-crypt ta.key\nkey client.key\ncert client.crt"), ProfilePath),
            path => path switch
            {
                "/etc/causeway/ta.key" => ReferencedFile.Read(TestMaterial.StaticKey, new ReferencedFilePermissions(Mode("644"), 0)),
                "/etc/causeway/client.key" => ReferencedFile.Read(TestMaterial.PrivateKey, new ReferencedFilePermissions(Mode("600"), 1000)),
                "/etc/causeway/client.crt" => ReferencedFile.Read(TestMaterial.Certificate, new ReferencedFilePermissions(Mode("644"), 1000)),
                _ => ReferencedFile.Failed(null),
            });

        Assert.Null(result.Profile);
        Assert.Equal(
            [
                "/etc/causeway/provider.ovpn:3: error: tls-crypt: /etc/causeway/ta.key is readable or writable by group or others (mode 0644): it holds the tls-crypt key (chmod 600 /etc/causeway/ta.key)",
                "/etc/causeway/provider.ovpn:4: error: key: /etc/causeway/client.key is owned by uid 1000, not root: its owner can read and change this client's private key (chown root:root /etc/causeway/client.key)",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_private_key_file_that_is_roots_alone_is_accepted()
    {
        var result = ProfileSanitizer.SanitizeChecked(
            ProfileParser.Parse(TestMaterial.Profile("tls-auth ta.key 1"), ProfilePath),
            path => ReferencedFile.Read(TestMaterial.StaticKey, new ReferencedFilePermissions(Mode("400"), 0)));

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Profile);
    }

    [Fact]
    public void A_long_key_path_is_shortened_in_the_message_but_whole_and_quoted_in_the_fix()
    {
        var directory = "/srv/vpn profiles/" + new string('p', 120);
        var result = ProfileSanitizer.SanitizeChecked(
            ProfileParser.Parse(TestMaterial.Profile($"tls-auth \"{directory}/ta.key\" 1"), ProfilePath),
            _ => ReferencedFile.Read(TestMaterial.StaticKey, new ReferencedFilePermissions(Mode("640"), 0)));

        var error = Assert.Single(result.Diagnostics);
        Assert.StartsWith("/srv/vpn profiles/ppp", error.Message, StringComparison.Ordinal);
        Assert.Contains("ppp…ppp", error.Message, StringComparison.Ordinal);
        Assert.Contains("ppp/ta.key is readable or writable by group or others (mode 0640)", error.Message, StringComparison.Ordinal);
        Assert.Equal($"chmod 600 '{directory}/ta.key'", error.Fix);
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);

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
