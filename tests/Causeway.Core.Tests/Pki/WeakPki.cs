using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Causeway.Core.Tests.Pki;

/// <summary>
/// Certificates of the kinds OpenSSL 3 refuses at security level 1 (SHA-1 or MD5 signatures, small RSA keys), made
/// in the test: old providers still ship them, and nothing current makes them.
/// </summary>
internal static class WeakPki
{
    // One key per size for the whole run: making RSA keys is what would make these tests slow, and which key a
    // certificate has does not matter to them, only its size.
    private static readonly ConcurrentDictionary<int, Lazy<RSAParameters>> Keys = new();

    public static X509Certificate2 Root(string name, int rsaBits = 2048, string hash = "SHA256")
    {
        using var key = Key(rsaBits);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        using var unsigned = request.Create(
            new X500DistinguishedName($"CN={name}"), new RsaSigner(key, hash), now.AddDays(-1), now.AddYears(10), [1]);
        return unsigned.CopyWithPrivateKey(key);
    }

    /// <summary>A certificate for <paramref name="name"/> signed by <paramref name="issuer"/> with <paramref name="hash"/>.</summary>
    public static X509Certificate2 Issued(X509Certificate2 issuer, string name, string hash, bool authority = false, int rsaBits = 2048)
    {
        using var key = Key(rsaBits);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(authority, false, 0, true));
        using var issuerKey = issuer.GetRSAPrivateKey()!;
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(issuer.SubjectName, new RsaSigner(issuerKey, hash), now.AddDays(-1), now.AddYears(1), [2, (byte)name.Length]);
        return issued.CopyWithPrivateKey(key);
    }

    private static RSA Key(int bits)
    {
        var parameters = Keys.GetOrAdd(bits, b => new Lazy<RSAParameters>(() =>
        {
            using var made = RSA.Create(b);
            return made.ExportParameters(includePrivateParameters: true);
        }));
        return RSA.Create(parameters.Value);
    }

    public static string Pem(params X509Certificate2[] certificates) =>
        string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n"));

    /// <summary>RSA PKCS#1 v1.5 with any digest .NET can compute, MD5 and SHA-1 included (CertificateRequest refuses MD5).</summary>
    private sealed class RsaSigner(RSA key, string hash) : X509SignatureGenerator
    {
        private static readonly Dictionary<string, string> Oids = new(StringComparer.Ordinal)
        {
            ["MD5"] = "1.2.840.113549.1.1.4",
            ["SHA1"] = "1.2.840.113549.1.1.5",
            ["SHA256"] = "1.2.840.113549.1.1.11",
        };

        public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm)
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Oids[hash]);
                writer.WriteNull();
            }

            return writer.Encode();
        }

        public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) =>
            key.SignData(data, new HashAlgorithmName(hash), RSASignaturePadding.Pkcs1);

        protected override PublicKey BuildPublicKey() => CreateForRSA(key, RSASignaturePadding.Pkcs1).PublicKey;
    }
}
