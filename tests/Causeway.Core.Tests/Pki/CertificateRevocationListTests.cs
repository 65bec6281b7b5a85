using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using Causeway.Core.Pki;
using Xunit;
using static Causeway.TestKit.TimerDrivenClock;

namespace Causeway.Core.Tests.Pki;

public sealed class CertificateRevocationListTests
{
    [Fact]
    public void The_CRL_lists_the_revoked_serials_with_number_times_and_reasons()
    {
        using var ca = CertificateAuthority.Create("Causeway Test CA", Now, TimeSpan.FromDays(3650));
        var lost = ca.IssueClient("lost-phone", Now, TimeSpan.FromDays(730));
        var left = ca.IssueClient("left", Now, TimeSpan.FromDays(730));
        var kept = ca.IssueClient("kept", Now, TimeSpan.FromDays(730));
        var revokedAt = Now.AddHours(-2);

        var pem = ca.CreateCrl(
            [new RevokedEntry(lost.SerialNumberHex, revokedAt, X509RevocationReason.KeyCompromise), new RevokedEntry(left.SerialNumberHex, revokedAt)],
            new BigInteger(7),
            Now.AddMilliseconds(400),
            TimeSpan.FromDays(30));
        var crl = CrlContents.Parse(pem);

        Assert.StartsWith("-----BEGIN X509 CRL-----", pem, StringComparison.Ordinal);
        Assert.Equal("CN=Causeway Test CA", crl.Issuer);
        Assert.Equal(new BigInteger(7), crl.CrlNumber);
        Assert.Equal(Now, crl.ThisUpdate);
        Assert.Equal(Now.AddDays(30), crl.NextUpdate);
        Assert.Equal(
            [new RevokedEntry(lost.SerialNumberHex, revokedAt, X509RevocationReason.KeyCompromise), new RevokedEntry(left.SerialNumberHex, revokedAt)],
            crl.Revoked.OrderBy(r => r.SerialNumberHex == lost.SerialNumberHex ? 0 : 1));
        Assert.True(crl.IsRevoked(lost.SerialNumberHex));
        Assert.True(crl.IsRevoked(left.SerialNumberHex.ToLowerInvariant()));
        Assert.False(crl.IsRevoked(kept.SerialNumberHex));
    }

    [Fact]
    public void An_empty_CRL_is_valid_and_lists_nothing()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));

        var crl = CrlContents.Parse(ca.CreateCrl([], BigInteger.Zero, Now, TimeSpan.FromDays(7)));

        Assert.Empty(crl.Revoked);
        Assert.Equal(BigInteger.Zero, crl.CrlNumber);
    }

    [Fact]
    public void The_CRL_is_signed_by_the_CA()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));
        var pem = ca.CreateCrl([], 1, Now, TimeSpan.FromDays(7));

        Assert.Empty(PkiValidator.CheckCrl(new PkiFile("ca.crt", ca.CertificatePem), new PkiFile("crl.pem", pem), Now));
    }

    [Fact]
    public void The_CRL_can_be_loaded_back_by_dotnet_and_keeps_its_number()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));
        var serial = ca.IssueClient("c", Now, TimeSpan.FromDays(730)).SerialNumberHex;
        var pem = ca.CreateCrl([new RevokedEntry(serial, Now)], 41, Now, TimeSpan.FromDays(7));

        var builder = CertificateRevocationListBuilder.LoadPem(pem, out var number);

        Assert.Equal(new BigInteger(41), number);
        Assert.True(builder.RemoveEntry(Convert.FromHexString(serial)));
    }

    [Theory]
    [InlineData("8a:01:02", "008A0102")]
    [InlineData("008A0102", "008A0102")]
    [InlineData("00000102", "0102")]
    [InlineData("abc", "0ABC")]
    [InlineData(" 7F 01 ", "7F01")]
    public void Serials_are_normalized_however_they_are_spelled(string spelled, string canonical) =>
        Assert.Equal(canonical, new RevokedEntry(spelled, Now).SerialNumberHex);

    [Theory]
    [InlineData("")]
    [InlineData("xyz")]
    [InlineData("12-34")]
    public void A_serial_that_is_not_hex_is_refused(string spelled)
    {
        var error = Assert.Throws<ArgumentException>(() => new RevokedEntry(spelled, Now));
        Assert.Contains("openssl x509 -noout -serial", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_serial_spelled_the_openssl_way_revokes_the_same_certificate()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));
        var client = ca.IssueClient("c", Now, TimeSpan.FromDays(730));
        var opensslSpelling = "serial=" + client.SerialNumberHex.TrimStart('0');

        var crl = CrlContents.Parse(ca.CreateCrl([new RevokedEntry(opensslSpelling["serial=".Length..], Now)], 1, Now, TimeSpan.FromDays(1)));

        Assert.True(crl.IsRevoked(client.SerialNumberHex));
    }

    [Fact]
    public void The_next_update_must_be_in_the_future_and_the_number_not_negative()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));

        Assert.Throws<ArgumentOutOfRangeException>(() => ca.CreateCrl([], 1, Now, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => ca.CreateCrl([], -1, Now, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Parsing_something_that_is_not_a_CRL_says_so()
    {
        using var ca = CertificateAuthority.Create("CA", Now, TimeSpan.FromDays(3650));

        var error = Assert.Throws<PkiException>(() => CrlContents.Parse(ca.CertificatePem));
        Assert.StartsWith("no '-----BEGIN X509 CRL-----' block (only 'CERTIFICATE')", error.Message, StringComparison.Ordinal);

        var garbage = "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n";
        var damaged = Assert.Throws<PkiException>(() => CrlContents.Parse(garbage));
        Assert.StartsWith("the CRL does not parse", damaged.Message, StringComparison.Ordinal);
    }
}
