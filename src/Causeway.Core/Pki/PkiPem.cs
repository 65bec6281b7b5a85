using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Causeway.Core.Pki;

/// <summary>
/// Reading PEM certificates, private keys and CRLs with messages a person can act on. Messages name no file: the
/// callers (the validator, <see cref="CertificateAuthority.Load"/>) put the file or the role in front.
/// </summary>
internal static class PkiPem
{
    internal const string CertificateLabel = "CERTIFICATE";
    internal const string CrlLabel = "X509 CRL";
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string RsaEncryptionOid = "1.2.840.113549.1.1.1";

    /// <summary>The first PEM block with this label, decoded; throws <see cref="PkiException"/> if there is none.</summary>
    internal static byte[] ReadBlock(string text, string label, string what)
    {
        var rest = text.AsSpan();
        var sawOther = new List<string>();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var found = rest[fields.Label].ToString();
            if (found == label)
            {
                var decoded = new byte[fields.DecodedDataLength];
                if (!Convert.TryFromBase64Chars(rest[fields.Base64Data], decoded, out var written) || written != decoded.Length)
                {
                    throw new PkiException($"the {label} block's base64 does not decode: the file is damaged; write it again");
                }

                return decoded;
            }

            sawOther.Add(found);
            rest = rest[fields.Location.End..];
        }

        if (text.Contains($"-----BEGIN {label}-----", StringComparison.Ordinal))
        {
            throw new PkiException($"the {label} block is damaged (bad base64 or missing END line): write the file again");
        }

        var others = sawOther.Count == 0 ? "no PEM block at all" : $"only {string.Join(", ", sawOther.Select(l => $"'{l}'"))}";
        throw new PkiException($"no '-----BEGIN {label}-----' block ({others}): expected {what} in PEM form");
    }

    /// <summary>The first certificate in the text; throws <see cref="PkiException"/> if there is none or it does not parse.</summary>
    internal static X509Certificate2 ReadCertificate(string text)
    {
        var der = ReadBlock(text, CertificateLabel, "a certificate");
        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException e)
        {
            throw new PkiException($"the certificate does not parse ({e.Message}): the file is damaged or not an X.509 certificate", e);
        }
    }

    /// <summary>
    /// An unencrypted private key: PKCS#8 ("PRIVATE KEY"), SEC1 ("EC PRIVATE KEY") or PKCS#1 ("RSA PRIVATE KEY").
    /// EC and RSA only: that is what OpenVPN deployments use and what <see cref="CertificateAuthority"/> can sign with.
    /// </summary>
    internal static AsymmetricAlgorithm ReadPrivateKey(string text)
    {
        var rest = text.AsSpan();
        var labels = new List<string>();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            var block = rest[fields.Location].ToString();
            var base64 = rest[fields.Base64Data].ToString();
            rest = rest[fields.Location.End..];
            switch (label)
            {
                case "ENCRYPTED PRIVATE KEY":
                    throw new PkiException(
                        "the private key is encrypted: OpenVPN would ask for its passphrase on a console that a daemon does not have; " +
                        "export it unencrypted (openssl pkey -in key.pem -out key.pem) into a 0600 file instead");
                case "PRIVATE KEY":
                    return ImportPkcs8(block, base64);
                case "EC PRIVATE KEY":
                    return Import(ECDsa.Create(), block);
                case "RSA PRIVATE KEY":
                    return Import(RSA.Create(), block);
                default:
                    labels.Add(label);
                    break;
            }
        }

        var seen = labels.Count == 0 ? "no PEM block at all" : $"only {string.Join(", ", labels.Select(l => $"'{l}'"))}";
        throw new PkiException($"no '-----BEGIN PRIVATE KEY-----' block ({seen}): expected an unencrypted private key in PEM form");
    }

    /// <summary>Whether the private key is the one whose public half is in the certificate.</summary>
    internal static bool KeyMatches(X509Certificate2 certificate, AsymmetricAlgorithm key)
    {
        switch (key)
        {
            case ECDsa ec:
                {
                    using var certificateKey = certificate.GetECDsaPublicKey();
                    if (certificateKey is null)
                    {
                        return false;
                    }

                    var a = certificateKey.ExportParameters(false);
                    var b = ec.ExportParameters(false);
                    return a.Curve.Oid?.Value == b.Curve.Oid?.Value
                        && a.Q.X.AsSpan().SequenceEqual(b.Q.X)
                        && a.Q.Y.AsSpan().SequenceEqual(b.Q.Y);
                }

            case RSA rsa:
                {
                    using var certificateKey = certificate.GetRSAPublicKey();
                    if (certificateKey is null)
                    {
                        return false;
                    }

                    var a = certificateKey.ExportParameters(false);
                    var b = rsa.ExportParameters(false);
                    return a.Modulus.AsSpan().SequenceEqual(b.Modulus) && a.Exponent.AsSpan().SequenceEqual(b.Exponent);
                }

            default:
                return false;
        }
    }

    /// <summary>PKCS#8 names its algorithm; read it so that an unsupported key gets a message, not a stack trace.</summary>
    private static AsymmetricAlgorithm ImportPkcs8(string block, string base64)
    {
        string algorithm;
        try
        {
            var info = new AsnReader(Convert.FromBase64String(base64), AsnEncodingRules.BER).ReadSequence();
            info.ReadInteger();
            algorithm = info.ReadSequence().ReadObjectIdentifier();
        }
        catch (Exception e) when (e is AsnContentException or FormatException)
        {
            throw new PkiException($"the private key does not parse ({e.Message}): the file is damaged; write it again", e);
        }

        return algorithm switch
        {
            EcPublicKeyOid => Import(ECDsa.Create(), block),
            RsaEncryptionOid => Import(RSA.Create(), block),
            _ => throw new PkiException(
                $"the private key's algorithm ({algorithm}) is not supported: Causeway uses EC (P-256) and RSA keys"),
        };
    }

    private static AsymmetricAlgorithm Import(AsymmetricAlgorithm key, string block)
    {
        try
        {
            key.ImportFromPem(block);
            return key;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new PkiException($"the private key does not parse ({e.Message}): the file is damaged; write it again", e);
        }
    }
}
