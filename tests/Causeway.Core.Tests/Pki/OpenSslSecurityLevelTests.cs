using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Causeway.Core.Pki;
using Xunit;

namespace Causeway.Core.Tests.Pki;

/// <summary>OpenSSL 3.0's arithmetic of security levels, against what `openssl verify -auth_level N` (3.0.19) answers.</summary>
public sealed class OpenSslSecurityLevelTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 80)]
    [InlineData(2, 112)]
    [InlineData(3, 128)]
    [InlineData(4, 192)]
    [InlineData(5, 256)]
    [InlineData(9, 256)]
    public void Each_level_asks_for_so_many_bits(int level, int bits) =>
        Assert.Equal(bits, OpenSslSecurityLevel.MinimumBits(level));

    // The boundaries were measured with openssl 3.0.19 on self-signed roots of each size (keys in steps of 8 bits):
    // level 1 (80) from 920 bits, level 2 (112) from 1968, level 3 (128) from 2672.
    [Theory]
    [InlineData(512, 56)]
    [InlineData(768, 72)]
    [InlineData(912, 72)]
    [InlineData(920, 80)]
    [InlineData(1024, 80)]
    [InlineData(1960, 104)]
    [InlineData(1968, 112)]
    [InlineData(2048, 112)]
    [InlineData(2664, 120)]
    [InlineData(2672, 128)]
    [InlineData(3072, 128)]
    [InlineData(4096, 152)]
    [InlineData(15360, 256)]
    public void Rsa_keys_count_as_openssl_counts_them(int modulusBits, int securityBits) =>
        Assert.Equal(securityBits, OpenSslSecurityLevel.RsaSecurityBits(modulusBits));

    [Theory]
    [InlineData("MD5", "MD5", 39)]
    [InlineData("SHA1", "SHA-1", 63)]
    [InlineData("SHA256", "SHA-256", 128)]
    public void Signatures_count_as_openssl_3_counts_them(string hash, string digest, int bits)
    {
        using var root = WeakPki.Root("Root");
        using var issued = WeakPki.Issued(root, "leaf", hash);

        Assert.Equal((digest, bits), OpenSslSecurityLevel.SignatureStrength(issued));
        Assert.False(OpenSslSecurityLevel.IsSelfSigned(issued));
    }

    [Fact]
    public void A_self_signed_root_is_recognised_whatever_it_is_signed_with()
    {
        using var root = WeakPki.Root("Old Root", hash: "SHA1");

        Assert.True(OpenSslSecurityLevel.IsSelfSigned(root));
        Assert.Equal(("SHA-1", 63), OpenSslSecurityLevel.SignatureStrength(root));
        Assert.Equal((112, "a 2048-bit RSA key"), OpenSslSecurityLevel.KeyStrength(root));
    }

    [Fact]
    public void Ec_and_small_rsa_keys_are_counted()
    {
        using var small = WeakPki.Root("Small", rsaBits: 768);
        using var ecKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var ec = new CertificateRequest("CN=EC", ecKey, HashAlgorithmName.SHA384)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        Assert.Equal((72, "a 768-bit RSA key"), OpenSslSecurityLevel.KeyStrength(small));
        Assert.Equal((192, "a 384-bit EC key"), OpenSslSecurityLevel.KeyStrength(ec));
        Assert.Equal(("SHA-384", 192), OpenSslSecurityLevel.SignatureStrength(ec));
        Assert.True(OpenSslSecurityLevel.IsSelfSigned(ec));
    }
}
