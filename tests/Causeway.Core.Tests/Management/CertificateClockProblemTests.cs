using Causeway.Core.Management;
using Xunit;

namespace Causeway.Core.Tests.Management;

public sealed class CertificateClockProblemTests
{
    /// <summary>An SBC that booted without a real-time clock: 1970, or the last time it saved.</summary>
    private static readonly DateTimeOffset Now = new(1970, 1, 1, 0, 0, 42, TimeSpan.Zero);

    [Fact]
    public void A_server_certificate_not_yet_valid_says_what_openvpn_said_and_that_the_clock_looks_wrong()
    {
        // OpenVPN 2.6.14's line, captured against a server certificate valid from 2030 (suppress-timestamps).
        const string line = "VERIFY ERROR: depth=0, error=certificate is not yet valid: CN=vpn.example.net, serial=1";

        var problem = CertificateClockProblem.Describe(line, Now);

        Assert.Equal(
            "the provider's server certificate is not yet valid by this host's clock (1970-01-01 00:00:42 UTC): the clock looks wrong "
            + "(no real-time clock, and NTP not synchronised yet?); check `timedatectl` (\"System clock synchronized: yes\") and the NTP service. "
            + "OpenVPN said: VERIFY ERROR: depth=0, error=certificate is not yet valid: CN=vpn.example.net, serial=1",
            problem);
    }

    [Theory]
    [InlineData("2016-06-03 05:03:03 VERIFY ERROR: depth=1, error=certificate is not yet valid: CN=ChangeMe, serial=7", "CA certificate (depth 1)")]
    [InlineData("VERIFY ERROR: depth=0, error=CRL is not yet valid: CN=server, serial=<not available>", "CRL")]
    public void A_CA_certificate_or_a_CRL_not_yet_valid_is_named_as_such(string line, string what)
    {
        var problem = CertificateClockProblem.Describe(line, Now);

        Assert.StartsWith($"the provider's {what} is not yet valid by this host's clock", problem, StringComparison.Ordinal);
        Assert.EndsWith($"OpenVPN said: {line[line.IndexOf("VERIFY", StringComparison.Ordinal)..]}", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("VERIFY ERROR: depth=1, error=self-signed certificate in certificate chain: CN=ChangeMe, serial=42")]
    [InlineData("VERIFY ERROR: depth=0, error=certificate has expired: CN=vpn.example.net, serial=1")]
    [InlineData("VERIFY OK: depth=1, CN=Test CA")]
    [InlineData("TLS Error: TLS handshake failed")]
    [InlineData("WARNING: Your certificate is not yet valid!")]
    public void Other_lines_are_not_a_clock_problem(string line)
    {
        Assert.Null(CertificateClockProblem.Describe(line, Now));
    }

    [Fact]
    public void Control_characters_in_the_subject_never_reach_the_status_raw()
    {
        var problem = CertificateClockProblem.Describe("VERIFY ERROR: depth=0, error=certificate is not yet valid: CN=a\u001b[2Jb, serial=1", Now);

        Assert.Contains("CN=a?[2Jb", problem, StringComparison.Ordinal);
    }
}
