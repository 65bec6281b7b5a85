using Causeway.Core.Model;
using Causeway.Core.Profiles;
using Xunit;

namespace Causeway.Core.Tests.Profiles;

public sealed class ClientConfigRendererTests
{
    private static readonly ClientConfigOptions Options = new(
        DeviceName: "tuncw0",
        ManagementSocketPath: "/run/causeway/openvpn/management.sock",
        AuthFilePath: "/etc/causeway/provider.auth",
        PidFilePath: "/run/causeway/openvpn/openvpn.pid",
        Tuning: TunnelTuning.Default);

    // Options OpenVPN must never get from a rendered config: Causeway routes, sets DNS and runs no scripts.
    private static readonly string[] Forbidden =
    [
        "script-security", "up", "down", "route-up", "route-pre-down", "ipchange", "plugin", "route-nopull", "redirect-gateway",
        "redirect-private", "route", "route-ipv6", "dhcp-option", "block-outside-dns", "setenv", "setenv-safe", "user", "group",
        "daemon", "keepalive", "ping-exit", "ping-timer-rem", "tun-ipv6", "ignore-unknown-option", "config", "log", "log-append",
        "status", "lport", "local", "bind", "dev-node", "proto", "port",
    ];

    private static SanitizedProfile Fixture(string name) =>
        Assert.IsType<SanitizedProfile>(ProfileFixtures.Sanitize(name).Profile);

    private static SanitizedProfile FromText(string text)
    {
        var result = ProfileSanitizer.Sanitize(ProfileParser.Parse(text, "/etc/causeway/provider.ovpn"), _ => null);
        return Assert.IsType<SanitizedProfile>(result.Profile);
    }

    /// <summary>The option lines (no comments, no blanks, no block content) in order.</summary>
    private static string[] OptionLines(string config) =>
        [.. ProfileParser.Parse(config, "rendered.conf").Directives.Where(d => !d.IsInlineBlock).Select(d => d.Display)];

    [Fact]
    public void Causeway_options_come_first_in_this_order()
    {
        var config = ClientConfigRenderer.Render(Fixture("nordlike-udp.ovpn"), Options);

        Assert.Equal(
            [
                "dev tuncw0",
                "dev-type tun",
                "management /run/causeway/openvpn/management.sock unix",
                "management-hold",
                "management-up-down",
                "route-noexec",
                "pull-filter ignore ping",
                "client",
                "persist-tun",
                "persist-key",
                "ping 1",
                "ping-restart 5",
                "nobind",
                "auth-user-pass /etc/causeway/provider.auth",
                "auth-nocache",
                "writepid /run/causeway/openvpn/openvpn.pid",
                "verb 3",
                "suppress-timestamps",
                "connect-retry 1 5",
                "server-poll-timeout 5",
                "explicit-exit-notify 1",
                "fast-io",
                "sndbuf 2097152",
                "rcvbuf 2097152",
                "pull-filter ignore sndbuf",
                "pull-filter ignore rcvbuf",
                "txqueuelen 1000",
            ],
            OptionLines(config)[..27]);
        Assert.Contains("\npull-filter ignore \"ping\"\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void The_profile_follows_without_the_options_causeway_sets_itself()
    {
        var config = ClientConfigRenderer.Render(Fixture("nordlike-udp.ovpn"), Options);

        Assert.Equal(
            [
                "remote 203.0.113.10 1194 udp", "resolv-retry infinite", "remote-random", "tun-mtu 1500", "tun-mtu-extra 32",
                "mssfix 1450", "reneg-sec 0", "comp-lzo no", "verify-x509-name CN=nl123.example-vpn.net", "remote-cert-tls server",
                "cipher AES-256-CBC", "auth SHA512", "key-direction 1",
            ],
            OptionLines(config)[27..]);
        Assert.EndsWith("-----END OpenVPN Static key V1-----\n</tls-auth>\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_option_of_causeway_has_a_comment_saying_why()
    {
        var config = ClientConfigRenderer.Render(Fixture("nordlike-udp.ovpn"), Options);
        var lines = config.Split('\n');
        var causewayPart = lines.TakeWhile(l => !l.StartsWith("# ---- The provider's profile", StringComparison.Ordinal)).ToList();

        // Each group of option lines is directly preceded by a comment.
        for (var i = 0; i < causewayPart.Count; i++)
        {
            if (causewayPart[i].Length > 0 && causewayPart[i][0] != '#' && (i == 0 || causewayPart[i - 1].Length == 0))
            {
                Assert.Fail($"line {i + 1} '{causewayPart[i]}' has no comment above it");
            }
        }

        Assert.Contains(causewayPart, l => l.Contains("Not route-nopull", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("nordlike-udp.ovpn")]
    [InlineData("protonlike.ovpn")]
    [InlineData("pialike-tcp.ovpn")]
    [InlineData("mullvadlike/mullvad_se_all.conf")]
    [InlineData("certlike/office.ovpn")]
    public void No_dropped_or_refused_option_and_no_duplicate_survives_rendering(string fixture)
    {
        var options = Fixture(fixture).RequiresCredentials ? Options : Options with { AuthFilePath = null };
        var rendered = ProfileParser.Parse(ClientConfigRenderer.Render(Fixture(fixture), options), "rendered.conf");

        Assert.Empty(rendered.Diagnostics);
        var names = rendered.Directives.Select(d => d.Name).ToList();
        Assert.Empty(names.Intersect(Forbidden));
        var repeated = names.Where(n => n is not ("remote" or "pull-filter")).GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(repeated);
        Assert.Equal(["tuncw0"], rendered.Directives.Where(d => d.Name == "dev").Select(d => d.Arguments.Single()));
    }

    [Fact]
    public void A_tcp_only_profile_gets_neither_explicit_exit_notify_nor_fast_io()
    {
        var lines = OptionLines(ClientConfigRenderer.Render(Fixture("pialike-tcp.ovpn"), Options));

        Assert.DoesNotContain(lines, l => l.StartsWith("explicit-exit-notify", StringComparison.Ordinal) || l == "fast-io");
        Assert.Contains("remote nl-amsterdam.example-pia.net 502 tcp", lines);
    }

    [Fact]
    public void Fast_io_follows_the_tuning_and_buffers_and_queue_length_only_when_set()
    {
        var tuning = TunnelTuning.Default with { FastIo = false, SocketBufferBytes = 0, TxQueueLength = 0 };

        var lines = OptionLines(ClientConfigRenderer.Render(Fixture("mullvadlike/mullvad_se_all.conf"), Options with { Tuning = tuning }));

        Assert.Contains("explicit-exit-notify 1", lines);
        Assert.DoesNotContain("fast-io", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("txqueuelen", StringComparison.Ordinal));

        // With no buffer size of its own, Causeway leaves the provider's (in the profile, and pushed).
        Assert.Equal(["sndbuf 524288", "rcvbuf 524288"], lines.Where(l => l.StartsWith("sndbuf", StringComparison.Ordinal) || l.StartsWith("rcvbuf", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.StartsWith("pull-filter ignore sndbuf", StringComparison.Ordinal));
    }

    [Fact]
    public void Ping_values_come_from_the_tuning()
    {
        var tuning = TunnelTuning.Default with { PingSeconds = 2, PingRestartSeconds = 9 };

        var lines = OptionLines(ClientConfigRenderer.Render(Fixture("nordlike-udp.ovpn"), Options with { Tuning = tuning }));

        Assert.Equal(["ping 2", "ping-restart 9"], lines.Where(l => l.StartsWith("ping", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_provider_that_needs_credentials_without_an_auth_file_is_a_clear_error()
    {
        var profile = Fixture("nordlike-udp.ovpn");

        var diagnostic = Assert.Single(ClientConfigRenderer.Validate(profile, Options with { AuthFilePath = null }));
        Assert.Equal((DiagnosticSeverity.Error, 22, "auth-user-pass"), (diagnostic.Severity, diagnostic.Line, diagnostic.Directive));
        Assert.Equal("the provider asks for a username and password (auth-user-pass at line 22): set egress.auth", diagnostic.Message);

        var exception = Assert.Throws<ClientConfigException>(() => ClientConfigRenderer.Render(profile, Options with { AuthFilePath = null }));
        Assert.Equal([diagnostic], exception.Diagnostics);
        Assert.Contains("nordlike-udp.ovpn:22: error: auth-user-pass: the provider asks for a username and password (auth-user-pass at line 22): set egress.auth", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_profile_needs_no_auth_file_and_gets_no_auth_lines()
    {
        var profile = Fixture("certlike/office.ovpn");

        Assert.Empty(ClientConfigRenderer.Validate(profile, Options with { AuthFilePath = null }));
        var lines = OptionLines(ClientConfigRenderer.Render(profile, Options with { AuthFilePath = null }));
        Assert.DoesNotContain(lines, l => l.StartsWith("auth-user-pass", StringComparison.Ordinal) || l == "auth-nocache");
    }

    [Fact]
    public void An_auth_file_the_profile_does_not_ask_for_is_a_warning_and_still_used()
    {
        var profile = Fixture("certlike/office.ovpn");

        var warning = Assert.Single(ClientConfigRenderer.Validate(profile, Options));
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("auth-user-pass /etc/causeway/provider.auth", OptionLines(ClientConfigRenderer.Render(profile, Options)));
    }

    [Fact]
    public void A_profile_without_any_way_to_log_in_is_an_error()
    {
        var profile = FromText(TestMaterial.Profile(""));

        var error = Assert.Single(ClientConfigRenderer.Validate(profile, Options with { AuthFilePath = null }));
        Assert.Equal((DiagnosticSeverity.Error, "cert"), (error.Severity, error.Directive));
        Assert.Throws<ClientConfigException>(() => ClientConfigRenderer.Render(profile, Options with { AuthFilePath = null }));
    }

    [Fact]
    public void Causeways_ping_filter_comes_before_the_providers_filters_because_the_first_match_wins()
    {
        var profile = FromText(TestMaterial.Profile("auth-user-pass\npull-filter accept \"ping\"\npull-filter ignore \"route-ipv6\""));

        var filters = OptionLines(ClientConfigRenderer.Render(profile, Options)).Where(l => l.StartsWith("pull-filter", StringComparison.Ordinal));

        Assert.Equal(["pull-filter ignore ping", "pull-filter ignore sndbuf", "pull-filter ignore rcvbuf", "pull-filter accept ping", "pull-filter ignore route-ipv6"], filters);
    }

    [Fact]
    public void Socket_buffers_pushed_by_the_server_are_ignored_only_when_causeway_sets_its_own()
    {
        // A push of "sndbuf 65536" replaced the configured 2 MiB (seen: "Socket Buffers: R=[4194304->131072]").
        var tuned = OptionLines(ClientConfigRenderer.Render(Fixture("nordlike-udp.ovpn"), Options));
        var untuned = OptionLines(ClientConfigRenderer.Render(Fixture("nordlike-udp.ovpn"), Options with { Tuning = TunnelTuning.Default with { SocketBufferBytes = 0 } }));

        Assert.Contains("pull-filter ignore sndbuf", tuned);
        Assert.Contains("pull-filter ignore rcvbuf", tuned);
        Assert.DoesNotContain(untuned, l => l.StartsWith("pull-filter ignore sndbuf", StringComparison.Ordinal) || l.StartsWith("pull-filter ignore rcvbuf", StringComparison.Ordinal));
    }

    [Fact]
    public void Parameters_with_spaces_quotes_and_backslashes_read_back_unchanged()
    {
        var profile = FromText(TestMaterial.Profile(
            "auth-user-pass\nverify-x509-name \"C=CH, O=Say \\\"Hi\\\" AG, CN=a\\\\b #1;x\" subject\nremote-cert-eku 'TLS Web Server Authentication'"));

        var config = ClientConfigRenderer.Render(profile, Options with { PidFilePath = "/run/cause way/openvpn.pid" });

        var rendered = ProfileParser.Parse(config, "rendered.conf").Directives;
        Assert.Equal(["C=CH, O=Say \"Hi\" AG, CN=a\\b #1;x", "subject"], rendered.Single(d => d.Name == "verify-x509-name").Arguments);
        Assert.Equal(["TLS Web Server Authentication"], rendered.Single(d => d.Name == "remote-cert-eku").Arguments);
        Assert.Equal(["/run/cause way/openvpn.pid"], rendered.Single(d => d.Name == "writepid").Arguments);
    }

    [Fact]
    public void A_newline_in_the_profile_path_cannot_start_an_option_from_a_comment()
    {
        var result = ProfileSanitizer.Sanitize(
            ProfileParser.Parse(TestMaterial.Profile("auth-user-pass"), "/tmp/x\nup /bin/sh\n"),
            _ => null);

        var config = ClientConfigRenderer.Render(result.Profile!, Options);

        Assert.DoesNotContain(ProfileParser.Parse(config, "rendered.conf").Directives, d => d.Name == "up");
    }

    [Fact]
    public void Inline_blocks_are_written_with_their_content_and_read_back_unchanged()
    {
        var profile = Fixture("mullvadlike/mullvad_se_all.conf");

        var rendered = ProfileParser.Parse(ClientConfigRenderer.Render(profile, Options), "rendered.conf");

        Assert.Equal(
            profile.InlineBlocks.Select(b => (b.Name, b.Content)),
            rendered.Directives.Where(d => d.IsInlineBlock).Select(d => (d.Name, d.InlineContent!)));
    }

    [Theory]
    [InlineData("eth0")]
    [InlineData("tun-with-a-very-long-name")]
    [InlineData("tun0 up")]
    [InlineData("")]
    public void A_device_name_that_is_not_a_short_tun_name_is_refused(string device)
    {
        var exception = Assert.Throws<ArgumentException>(
            () => ClientConfigRenderer.Render(Fixture("nordlike-udp.ovpn"), Options with { DeviceName = device }));

        Assert.Contains("must start with \"tun\"", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_management_socket_path_too_long_for_a_unix_socket_is_refused()
    {
        var path = "/run/" + new string('x', 103);

        var exception = Assert.Throws<ArgumentException>(
            () => ClientConfigRenderer.Render(Fixture("nordlike-udp.ovpn"), Options with { ManagementSocketPath = path }));

        Assert.Contains("longer than the 107 bytes", exception.Message, StringComparison.Ordinal);
        Assert.NotNull(ClientConfigRenderer.Render(Fixture("nordlike-udp.ovpn"), Options with { ManagementSocketPath = path[..^1] }));
    }

    [Fact]
    public void Ping_restart_must_be_longer_than_ping()
    {
        Assert.Throws<ArgumentException>(() => ClientConfigRenderer.Render(
            Fixture("nordlike-udp.ovpn"),
            Options with { Tuning = TunnelTuning.Default with { PingSeconds = 5, PingRestartSeconds = 5 } }));
    }

    [Fact]
    public void Rendering_is_deterministic()
    {
        var profile = Fixture("protonlike.ovpn");

        Assert.Equal(ClientConfigRenderer.Render(profile, Options), ClientConfigRenderer.Render(profile, Options));
    }
}
