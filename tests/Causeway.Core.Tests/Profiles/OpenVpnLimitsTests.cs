using Causeway.Core.Model;
using Causeway.Core.Profiles;
using Xunit;

namespace Causeway.Core.Tests.Profiles;

/// <summary>
/// OpenVPN 2.6 refuses its whole config over one option line of 255 bytes or more (OPTION_LINE_SIZE 256 with the
/// newline), and keeps only 16 words of a line (MAX_PARMS). Quoting can make the line Causeway writes longer than
/// the profile's: that used to pass `plan` and then make OpenVPN refuse its config at every restart.
/// </summary>
public sealed class OpenVpnLimitsTests
{
    private static readonly ClientConfigOptions Options = new(
        DeviceName: "tuncw0",
        ManagementSocketPath: "/run/causeway/openvpn/management.sock",
        AuthFilePath: "/etc/causeway/provider.auth",
        PidFilePath: "/run/causeway/openvpn/openvpn.pid",
        Tuning: TunnelTuning.Default);

    [Fact]
    public void A_line_of_254_bytes_is_read_and_one_of_255_is_not()
    {
        Assert.Null(OpenVpnLimits.Problem("tls-cipher", [new string('x', 254 - "tls-cipher ".Length)]));

        var problem = OpenVpnLimits.Problem("tls-cipher", [new string('x', 255 - "tls-cipher ".Length)]);

        Assert.Equal("written for OpenVPN, the line would be 255 bytes: OpenVPN reads at most 254 per option line (256 with the newline) and would refuse the whole config", problem);
    }

    [Fact]
    public void Sixteen_words_are_read_and_a_seventeenth_would_be_dropped()
    {
        Assert.Null(OpenVpnLimits.Problem("x", [.. Enumerable.Repeat("a", 15)]));

        Assert.StartsWith("16 parameters: OpenVPN reads at most 16 words of a line, 15 after the option's name", OpenVpnLimits.Problem("x", [.. Enumerable.Repeat("a", 16)]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_line_that_quoting_makes_too_long_is_an_error_at_its_line_before_anything_is_written()
    {
        // Within the limit as the provider wrote it (single quotes keep backslashes as they are); beyond it once
        // written in double quotes, where every backslash is doubled.
        var value = string.Concat(Enumerable.Repeat("a\\", 100));
        var line = $"verify-x509-name '{value}' name";
        Assert.True(line.Length <= OpenVpnLimits.MaxLineBytes);
        var sanitized = ProfileSanitizer.Sanitize(ProfileParser.Parse(TestMaterial.Profile(line), "/etc/causeway/provider.ovpn"), _ => null);
        var profile = Assert.IsType<SanitizedProfile>(sanitized.Profile);

        var error = Assert.Single(ClientConfigRenderer.Validate(profile, Options), d => d.Severity == DiagnosticSeverity.Error);

        Assert.Equal(3, error.Line);
        Assert.Equal("verify-x509-name", error.Directive);
        Assert.Equal("written for OpenVPN, the line would be 324 bytes (102 of them quotes and escapes): OpenVPN reads at most 254 per option line (256 with the newline) and would refuse the whole config", error.Message);
        Assert.Throws<ClientConfigException>(() => ClientConfigRenderer.Render(profile, Options));
    }

    [Fact]
    public void Every_option_line_of_a_rendered_config_is_within_the_limits()
    {
        var profile = Assert.IsType<SanitizedProfile>(ProfileFixtures.Sanitize("nordlike-udp.ovpn").Profile);

        var config = ClientConfigRenderer.Render(profile, Options);

        Assert.All(
            ProfileParser.Parse(config, "rendered.conf").Directives.Where(d => !d.IsInlineBlock),
            d => Assert.Null(OpenVpnLimits.Problem(d.Name, d.Arguments)));
    }
}
