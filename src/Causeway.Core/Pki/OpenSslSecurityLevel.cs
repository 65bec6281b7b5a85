using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography.X509Certificates;

namespace Causeway.Core.Pki;

/// <summary>
/// What OpenSSL 3.0 makes of a certificate at a security level (<c>SSL_CTX_set_security_level</c>, or
/// <c>@SECLEVEL=n</c> in a cipher string): the bits of security it counts for the public key and for the signature,
/// computed the way OpenSSL 3.0 computes them, so that Causeway can say before OpenVPN starts what OpenSSL would
/// refuse ("ee key too small", "ca md too weak"). Checked against OpenSSL 3.0.19: RSA keys pass level 1 from 920
/// bits, level 2 from 1968 and level 3 from 2672 (not at 1024 and 2048 as the tables say); SHA-1 and MD5 signatures
/// count 63 and 39 bits, below level 1's 80.
/// </summary>
public static class OpenSslSecurityLevel
{
    /// <summary>OpenVPN's default <c>tls-cert-profile legacy</c> is security level 1.</summary>
    public const int OpenVpnDefault = 1;

    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string RsaPssOid = "1.2.840.113549.1.1.10";
    private const string DsaOid = "1.2.840.10040.4.1";
    private const string EcOid = "1.2.840.10045.2.1";
    private const string Ed25519Oid = "1.3.101.112";
    private const string Ed448Oid = "1.3.101.113";

    // SSL_CTX_set_security_level's minimum bits of security for levels 1 to 5.
    private static readonly int[] MinimumBitsByLevel = [80, 112, 128, 192, 256];

    // Signature algorithms: the digest's name, the bits OpenSSL 3.0 counts for it, and the kind of key that signs.
    // SHA-1 and MD5 are counted below level 1 on purpose (x509_sig_info_init); others are half the digest's size.
    private static readonly Dictionary<string, (string Digest, int Bits, string KeyOid)> Signatures = new(StringComparer.Ordinal)
    {
        ["1.2.840.113549.1.1.2"] = ("MD2", 64, RsaOid),
        ["1.2.840.113549.1.1.3"] = ("MD4", 64, RsaOid),
        ["1.2.840.113549.1.1.4"] = ("MD5", 39, RsaOid),
        ["1.2.840.113549.1.1.5"] = ("SHA-1", 63, RsaOid),
        ["1.3.14.3.2.29"] = ("SHA-1", 63, RsaOid),
        ["1.2.840.113549.1.1.14"] = ("SHA-224", 112, RsaOid),
        ["1.2.840.113549.1.1.11"] = ("SHA-256", 128, RsaOid),
        ["1.2.840.113549.1.1.12"] = ("SHA-384", 192, RsaOid),
        ["1.2.840.113549.1.1.13"] = ("SHA-512", 256, RsaOid),
        ["2.16.840.1.101.3.4.3.13"] = ("SHA3-224", 112, RsaOid),
        ["2.16.840.1.101.3.4.3.14"] = ("SHA3-256", 128, RsaOid),
        ["2.16.840.1.101.3.4.3.15"] = ("SHA3-384", 192, RsaOid),
        ["2.16.840.1.101.3.4.3.16"] = ("SHA3-512", 256, RsaOid),
        ["1.2.840.10045.4.1"] = ("SHA-1", 63, EcOid),
        ["1.2.840.10045.4.3.1"] = ("SHA-224", 112, EcOid),
        ["1.2.840.10045.4.3.2"] = ("SHA-256", 128, EcOid),
        ["1.2.840.10045.4.3.3"] = ("SHA-384", 192, EcOid),
        ["1.2.840.10045.4.3.4"] = ("SHA-512", 256, EcOid),
        ["2.16.840.1.101.3.4.3.9"] = ("SHA3-224", 112, EcOid),
        ["2.16.840.1.101.3.4.3.10"] = ("SHA3-256", 128, EcOid),
        ["2.16.840.1.101.3.4.3.11"] = ("SHA3-384", 192, EcOid),
        ["2.16.840.1.101.3.4.3.12"] = ("SHA3-512", 256, EcOid),
        ["1.2.840.10040.4.3"] = ("SHA-1", 63, DsaOid),
        ["2.16.840.1.101.3.4.3.1"] = ("SHA-224", 112, DsaOid),
        ["2.16.840.1.101.3.4.3.2"] = ("SHA-256", 128, DsaOid),
        [Ed25519Oid] = ("Ed25519", 128, Ed25519Oid),
        [Ed448Oid] = ("Ed448", 224, Ed448Oid),
    };

    // The hash inside RSASSA-PSS parameters (RFC 4055); absent means SHA-1.
    private static readonly Dictionary<string, (string Digest, int Bits)> PssHashes = new(StringComparer.Ordinal)
    {
        ["1.3.14.3.2.26"] = ("SHA-1", 63),
        ["2.16.840.1.101.3.4.2.4"] = ("SHA-224", 112),
        ["2.16.840.1.101.3.4.2.1"] = ("SHA-256", 128),
        ["2.16.840.1.101.3.4.2.2"] = ("SHA-384", 192),
        ["2.16.840.1.101.3.4.2.3"] = ("SHA-512", 256),
    };

    /// <summary>The bits of security a level asks of keys and signatures (0 at level 0: anything goes).</summary>
    public static int MinimumBits(int level) => level <= 0 ? 0 : MinimumBitsByLevel[Math.Min(level, MinimumBitsByLevel.Length) - 1];

    /// <summary>
    /// The public key as OpenSSL counts it (<c>EVP_PKEY_get_security_bits</c>), and a description such as
    /// "a 768-bit RSA key"; null for a kind of key Causeway does not know (then it has no opinion).
    /// </summary>
    public static (int Bits, string Description)? KeyStrength(X509Certificate2 certificate)
    {
        var key = certificate.PublicKey;
        try
        {
            switch (key.Oid.Value)
            {
                case RsaOid or RsaPssOid:
                    {
                        var rsaKey = new AsnReader(key.EncodedKeyValue.RawData, AsnEncodingRules.BER).ReadSequence();
                        var bits = BitLength(rsaKey.ReadIntegerBytes().Span);
                        return (RsaSecurityBits(bits), $"a {bits}-bit RSA key");
                    }

                case DsaOid when key.EncodedParameters?.RawData is { Length: > 0 } encoded:
                    {
                        // Parameters inherited from the issuer (none here) leave the size unknown: no opinion.
                        var parameters = new AsnReader(encoded, AsnEncodingRules.BER).ReadSequence();
                        var p = BitLength(parameters.ReadIntegerBytes().Span);
                        var q = BitLength(parameters.ReadIntegerBytes().Span);
                        return (FiniteFieldSecurityBits(p, q), $"a {p}-bit DSA key");
                    }

                case EcOid:
                    {
                        // The point: 04 || X || Y (or 02/03 || X). The field size stands in for the order's, as it
                        // does for every named curve in use.
                        var point = key.EncodedKeyValue.RawData;
                        var coordinate = point.Length > 0 && point[0] == 4 ? (point.Length - 1) / 2 : point.Length - 1;
                        var bits = coordinate * 8;
                        return (EllipticCurveSecurityBits(bits), $"a {bits}-bit EC key");
                    }

                case Ed25519Oid:
                    return (128, "an Ed25519 key");
                case Ed448Oid:
                    return (224, "an Ed448 key");
                default:
                    return null;
            }
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The signature's digest as OpenSSL counts it (<c>X509_get_signature_info</c>), e.g. ("SHA-1", 63); null for a
    /// signature algorithm Causeway does not know.
    /// </summary>
    public static (string Digest, int Bits)? SignatureStrength(X509Certificate2 certificate)
    {
        if (SignatureAlgorithm(certificate) is not { } signature)
        {
            return null;
        }

        var (oid, parameters) = signature;
        if (oid == RsaPssOid)
        {
            return PssHash(parameters);
        }

        return Signatures.TryGetValue(oid, out var known) ? (known.Digest, known.Bits) : null;
    }

    /// <summary>
    /// Whether OpenSSL takes the certificate as self-signed (<c>EXFLAG_SS</c>), whose own signature it never checks
    /// for strength: the subject is the issuer, the authority key identifier (if any) is its own subject key
    /// identifier, and its signature algorithm fits its own key.
    /// </summary>
    public static bool IsSelfSigned(X509Certificate2 certificate)
    {
        if (!certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
        {
            return false;
        }

        var authority = certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault();
        var subject = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault();
        if (authority?.KeyIdentifier is { } authorityKey && subject is not null
            && !authorityKey.Span.SequenceEqual(subject.SubjectKeyIdentifierBytes.Span))
        {
            return false;
        }

        if (SignatureAlgorithm(certificate) is not { Oid: var oid })
        {
            return false;
        }

        var keyOid = certificate.PublicKey.Oid.Value;
        return oid == RsaPssOid
            ? keyOid is RsaOid or RsaPssOid
            : Signatures.TryGetValue(oid, out var known) && (known.KeyOid == keyOid || (known.KeyOid == RsaOid && keyOid == RsaPssOid));
    }

    /// <summary>
    /// OpenSSL 3.0's strength of an RSA modulus of <paramref name="bits"/> bits (ossl_ifc_ffc_compute_security_bits):
    /// the NIST SP 800-56B formula, rounded to a multiple of 8, with the canonical values of the standards.
    /// </summary>
    public static int RsaSecurityBits(int bits)
    {
        switch (bits)
        {
            case 2048: return 112;
            case 3072: return 128;
            case 4096: return 152;
            case 6144: return 176;
            case 7680: return 192;
            case 8192: return 200;
            case 15360: return 256;
        }

        if (bits >= 687737)
        {
            return 1200;
        }

        if (bits < 8)
        {
            return 0;
        }

        var x = bits * Math.Log(2);
        var strength = ((1.923 * Math.Cbrt(x) * Math.Pow(Math.Log(x), 2.0 / 3.0)) - 4.69) / Math.Log(2);
        return strength <= 0 ? 0 : ((int)strength + 4) & ~7;
    }

    /// <summary>DSA as OpenSSL 3.0 counts it (BN_security_bits): by the size of p, capped by half the size of q.</summary>
    private static int FiniteFieldSecurityBits(int p, int q)
    {
        var bits = p switch
        {
            >= 15360 => 256,
            >= 7680 => 192,
            >= 3072 => 128,
            >= 2048 => 112,
            >= 1024 => 80,
            _ => 0,
        };
        return bits == 0 || q / 2 < 80 ? 0 : Math.Min(bits, q / 2);
    }

    private static int EllipticCurveSecurityBits(int bits) => bits switch
    {
        >= 512 => 256,
        >= 384 => 192,
        >= 256 => 128,
        >= 224 => 112,
        >= 160 => 80,
        _ => bits / 2,
    };

    private static (string Oid, ReadOnlyMemory<byte>? Parameters)? SignatureAlgorithm(X509Certificate2 certificate)
    {
        try
        {
            var outer = new AsnReader(certificate.RawData, AsnEncodingRules.BER).ReadSequence();
            outer.ReadEncodedValue();
            var algorithm = outer.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            return (oid, algorithm.HasData ? algorithm.ReadEncodedValue() : null);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static (string Digest, int Bits)? PssHash(ReadOnlyMemory<byte>? parameters)
    {
        if (parameters is not { } encoded)
        {
            return PssHashes["1.3.14.3.2.26"];
        }

        try
        {
            var sequence = new AsnReader(encoded, AsnEncodingRules.BER).ReadSequence();
            var hashTag = new Asn1Tag(TagClass.ContextSpecific, 0);
            if (!sequence.HasData || !sequence.PeekTag().HasSameClassAndValue(hashTag))
            {
                return PssHashes["1.3.14.3.2.26"];
            }

            var hash = sequence.ReadSequence(hashTag).ReadSequence().ReadObjectIdentifier();
            return PssHashes.TryGetValue(hash, out var known) ? known : null;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static int BitLength(ReadOnlySpan<byte> unsignedBigEndian) =>
        (int)new BigInteger(unsignedBigEndian, isUnsigned: true, isBigEndian: true).GetBitLength();
}
