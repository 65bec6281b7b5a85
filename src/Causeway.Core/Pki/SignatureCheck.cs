using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Causeway.Core.Pki;

/// <summary>
/// Checks that a certificate or a CRL was signed by a given CA key, by verifying the signature over the
/// to-be-signed bytes directly. X509Chain would also do it, but it mixes the answer with time, revocation and
/// trust-store policy; this says exactly one thing: was it signed with this key.
/// </summary>
internal static class SignatureCheck
{
    /// <summary>
    /// Both Certificate and CertificateList are SEQUENCE { tbs, signatureAlgorithm, signatureValue BIT STRING }.
    /// Throws <see cref="PkiException"/> if the signature algorithm is one Causeway does not handle.
    /// </summary>
    internal static bool IsSignedBy(ReadOnlyMemory<byte> signedDer, X509Certificate2 issuer)
    {
        ReadOnlyMemory<byte> toBeSigned;
        string algorithm;
        byte[] signature;
        try
        {
            var outer = new AsnReader(signedDer, AsnEncodingRules.DER).ReadSequence();
            toBeSigned = outer.ReadEncodedValue();
            algorithm = outer.ReadSequence().ReadObjectIdentifier();
            signature = outer.ReadBitString(out _);
        }
        catch (AsnContentException)
        {
            return false;
        }

        var (hash, isEc) = algorithm switch
        {
            "1.2.840.10045.4.3.2" => (HashAlgorithmName.SHA256, true),
            "1.2.840.10045.4.3.3" => (HashAlgorithmName.SHA384, true),
            "1.2.840.10045.4.3.4" => (HashAlgorithmName.SHA512, true),
            "1.2.840.113549.1.1.11" => (HashAlgorithmName.SHA256, false),
            "1.2.840.113549.1.1.12" => (HashAlgorithmName.SHA384, false),
            "1.2.840.113549.1.1.13" => (HashAlgorithmName.SHA512, false),
            _ => throw new PkiException(
                $"its signature algorithm ({algorithm}) is not one Causeway checks (ECDSA or RSA PKCS#1 with SHA-256/384/512)"),
        };

        if (isEc)
        {
            using var key = issuer.GetECDsaPublicKey();
            return key is not null && key.VerifyData(toBeSigned.Span, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
        }

        using var rsa = issuer.GetRSAPublicKey();
        return rsa is not null && rsa.VerifyData(toBeSigned.Span, signature, hash, RSASignaturePadding.Pkcs1);
    }
}
