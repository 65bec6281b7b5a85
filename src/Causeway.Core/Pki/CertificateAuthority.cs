using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Causeway.Core.Pki;

/// <summary>
/// A small CA for OpenVPN: one EC P-256 root that signs server and client certificates directly (pathlen 0) and
/// publishes a CRL for `crl-verify`. Pure: randomness from <see cref="RandomNumberGenerator"/>, time passed in,
/// everything returned as PEM for the caller to write (0600 files in a 0700 directory, see <see cref="PkiFileModes"/>).
/// </summary>
/// <remarks>
/// Certificates start <see cref="ClockSkewAllowance"/> before `now`, so a peer whose clock is a little behind
/// does not reject a certificate issued a moment ago. All times are whole seconds (X.509 has no finer).
/// </remarks>
public sealed class CertificateAuthority : IDisposable
{
    /// <summary>How far before `now` issued certificates (and the CA) become valid.</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromHours(1);

    internal const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    internal const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";
    private const int MaxCommonNameLength = 64; // ub-common-name, RFC 5280

    private readonly X509Certificate2 _certificate;
    private readonly AsymmetricAlgorithm _key;

    private CertificateAuthority(X509Certificate2 certificate, AsymmetricAlgorithm key)
    {
        _certificate = certificate;
        _key = key;
    }

    public string CommonName => _certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);

    /// <summary>Uppercase hex of the CA certificate's serial.</summary>
    public string SerialNumberHex => _certificate.SerialNumber;

    public DateTimeOffset NotBefore => new(_certificate.NotBefore.ToUniversalTime());

    public DateTimeOffset NotAfter => new(_certificate.NotAfter.ToUniversalTime());

    /// <summary>The CA certificate, "-----BEGIN CERTIFICATE-----": OpenVPN's `ca` file on servers and clients.</summary>
    public string CertificatePem => _certificate.ExportCertificatePem();

    /// <summary>The CA's private key, unencrypted PKCS#8. A secret: write it 0600, and only where certificates are issued.</summary>
    public string PrivateKeyPem => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>A new self-signed CA: EC P-256, basicConstraints CA:TRUE pathlen:0 (critical), keyUsage keyCertSign|cRLSign (critical), SKI.</summary>
    /// <param name="commonName">1-64 printable ASCII characters, e.g. "Causeway Duo CA".</param>
    public static CertificateAuthority Create(string commonName, DateTimeOffset now, TimeSpan validity)
    {
        if (!IsValidAuthorityCommonName(commonName))
        {
            throw new ArgumentException(
                $"CA common name '{commonName}': use 1-{MaxCommonNameLength} printable ASCII characters without leading or trailing spaces",
                nameof(commonName));
        }

        var (notBefore, notAfter) = Window(now, validity);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            var subject = Name(commonName);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
            var subjectKeyIdentifier = new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(
                certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(
                X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
            request.CertificateExtensions.Add(subjectKeyIdentifier);

            // Serial from our own generator: CreateSelfSigned would pick only 8 random bytes.
            using var certificate = request.Create(
                subject, X509SignatureGenerator.CreateForECDsa(key), notBefore, notAfter, SerialNumbers.NewRandom());
            return new CertificateAuthority(certificate.CopyWithPrivateKey(key), key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An existing CA from its certificate and private key (EC or RSA, unencrypted PEM). Throws
    /// <see cref="PkiException"/> if either does not parse, the key is not the certificate's, or the certificate
    /// is not a CA. Validity is not checked here: <see cref="PkiValidator"/> reports an expired CA with its file name.
    /// </summary>
    public static CertificateAuthority Load(string certificatePem, string privateKeyPem)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = PkiPem.ReadCertificate(certificatePem);
        }
        catch (PkiException e)
        {
            throw new PkiException($"loading the CA certificate: {e.Message}", e);
        }

        AsymmetricAlgorithm? key = null;
        try
        {
            try
            {
                key = PkiPem.ReadPrivateKey(privateKeyPem);
            }
            catch (PkiException e)
            {
                throw new PkiException($"loading the CA private key: {e.Message}", e);
            }

            if (CertificateFacts.AuthorityProblem(certificate) is { } problem)
            {
                throw new PkiException($"loading the CA certificate: {problem}");
            }

            if (!PkiPem.KeyMatches(certificate, key))
            {
                throw new PkiException(
                    "loading the CA: the private key does not belong to the CA certificate: use the key that was created with it");
            }

            using (certificate)
            {
                var withKey = key switch
                {
                    ECDsa ec => certificate.CopyWithPrivateKey(ec),
                    RSA rsa => certificate.CopyWithPrivateKey(rsa),
                    _ => throw new PkiException("loading the CA: only EC and RSA keys can sign"),
                };
                return new CertificateAuthority(withKey, key);
            }
        }
        catch
        {
            key?.Dispose();
            certificate.Dispose();
            throw;
        }
    }

    /// <summary>
    /// True for names that are safe as an OpenVPN common name everywhere it is used: 1-64 characters of
    /// A-Z a-z 0-9 . _ - @, not starting with '.' or '-'. OpenVPN uses a client's CN as its client-config-dir file
    /// name and in `verify-x509-name`, so anything else invites surprises.
    /// </summary>
    public static bool IsValidLeafCommonName(string commonName) =>
        commonName.Length is > 0 and <= MaxCommonNameLength
        && commonName[0] is not ('.' or '-')
        && commonName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@');

    /// <summary>
    /// A server certificate: EC P-256, EKU serverAuth (what `remote-cert-tls server` requires), keyUsage
    /// digitalSignature|keyAgreement (critical), SAN, SKI, AKI, basicConstraints CA:FALSE, random 128-bit serial.
    /// </summary>
    /// <param name="commonName">See <see cref="IsValidLeafCommonName"/>; clients pin it with `verify-x509-name &lt;CN&gt; name`.</param>
    /// <param name="dnsNamesOrIps">SAN entries: each is an IP address if it parses as one, else a DNS name. None: no SAN.</param>
    public IssuedCertificate IssueServer(string commonName, IEnumerable<string> dnsNamesOrIps, DateTimeOffset now, TimeSpan validity) =>
        Issue(commonName, [.. dnsNamesOrIps], ServerAuthOid,
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, now, validity);

    /// <summary>A client certificate: like <see cref="IssueServer"/> but EKU clientAuth, keyUsage digitalSignature, no SAN.</summary>
    public IssuedCertificate IssueClient(string commonName, DateTimeOffset now, TimeSpan validity) =>
        Issue(commonName, [], ClientAuthOid, X509KeyUsageFlags.DigitalSignature, now, validity);

    /// <summary>
    /// A CRL for OpenVPN's `crl-verify`, as PEM ("-----BEGIN X509 CRL-----"), signed by this CA, thisUpdate = now,
    /// nextUpdate = now + <paramref name="nextUpdate"/>, with the CRL number and the CA's key identifier.
    /// </summary>
    /// <remarks>
    /// OpenVPN (through OpenSSL) refuses EVERY client once the CRL's nextUpdate has passed, so whoever publishes it
    /// must publish a new one well before then. CRL numbers must grow with each new CRL.
    /// </remarks>
    public string CreateCrl(IEnumerable<RevokedEntry> revoked, BigInteger crlNumber, DateTimeOffset now, TimeSpan nextUpdate)
    {
        if (crlNumber.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(crlNumber), crlNumber, "a CRL number is zero or positive");
        }

        if (nextUpdate <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(nextUpdate), nextUpdate, "the CRL's next update must be after now");
        }

        var builder = new CertificateRevocationListBuilder();
        foreach (var entry in revoked)
        {
            builder.AddEntry(Convert.FromHexString(entry.SerialNumberHex), WholeSeconds(entry.RevokedAt), entry.Reason);
        }

        var thisUpdate = WholeSeconds(now);
        var der = builder.Build(
            _certificate.SubjectName,
            Signer(),
            crlNumber,
            thisUpdate + nextUpdate,
            HashAlgorithmName.SHA256,
            AuthorityKeyIdentifier(),
            thisUpdate);
        return PemEncoding.WriteString(PkiPem.CrlLabel, der);
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _key.Dispose();
    }

    public override string ToString() => $"CertificateAuthority {{ CommonName = {CommonName}, NotAfter = {NotAfter:u} }}";

    private static bool IsValidAuthorityCommonName(string commonName) =>
        commonName.Length is > 0 and <= MaxCommonNameLength
        && commonName.Trim().Length == commonName.Length
        && commonName.All(c => c is >= ' ' and <= '~');

    private IssuedCertificate Issue(
        string commonName, string[] subjectAlternativeNames, string extendedKeyUsageOid, X509KeyUsageFlags keyUsage,
        DateTimeOffset now, TimeSpan validity)
    {
        if (!IsValidLeafCommonName(commonName))
        {
            throw new ArgumentException(
                $"common name '{commonName}': use 1-{MaxCommonNameLength} characters of A-Z a-z 0-9 . _ - @, not starting with '.' or '-' " +
                "(OpenVPN uses it as a file name in client-config-dir)",
                nameof(commonName));
        }

        var (notBefore, notAfter) = Window(now, validity);

        // A certificate cannot be valid before its CA; starting it with the CA loses nothing.
        if (notBefore < NotBefore)
        {
            notBefore = NotBefore;
        }

        if (notAfter > NotAfter)
        {
            throw new ArgumentOutOfRangeException(
                nameof(validity),
                validity,
                $"'{commonName}' would be valid until {notAfter:u}, after its CA '{CommonName}' expires ({NotAfter:u}): " +
                "issue it with a shorter validity, or create a new CA");
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Name(commonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(
            certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(keyUsage, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedKeyUsageOid)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(
            AuthorityKeyIdentifier());
        if (subjectAlternativeNames.Length > 0)
        {
            request.CertificateExtensions.Add(SubjectAlternativeNames(subjectAlternativeNames));
        }

        using var certificate = request.Create(_certificate.SubjectName, Signer(), notBefore, notAfter, SerialNumbers.NewRandom());
        return new IssuedCertificate(
            commonName,
            certificate.SerialNumber,
            notBefore,
            notAfter,
            certificate.ExportCertificatePem(),
            key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Points at the CA by its key identifier; a loaded CA without one is named by issuer and serial instead.</summary>
    private X509AuthorityKeyIdentifierExtension AuthorityKeyIdentifier()
    {
        var hasKeyIdentifier = _certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Any();
        return X509AuthorityKeyIdentifierExtension.CreateFromCertificate(
            _certificate, includeKeyIdentifier: hasKeyIdentifier, includeIssuerAndSerial: !hasKeyIdentifier);
    }

    private static X509Extension SubjectAlternativeNames(IEnumerable<string> names)
    {
        var builder = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address))
            {
                builder.AddIpAddress(address);
            }
            else if (Uri.CheckHostName(name) == UriHostNameType.Dns)
            {
                builder.AddDnsName(name);
            }
            else
            {
                throw new ArgumentException(
                    $"'{name}' is neither an IP address nor a DNS name: a server certificate's alternative names are host names or addresses",
                    nameof(names));
            }
        }

        return builder.Build();
    }

    /// <summary>The issuing key as a signature generator; RSA only for CAs brought in with <see cref="Load"/>.</summary>
    private X509SignatureGenerator Signer() => _key switch
    {
        ECDsa ec => X509SignatureGenerator.CreateForECDsa(ec),
        RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
        _ => throw new InvalidOperationException("a CA key is EC or RSA"),
    };

    private static X500DistinguishedName Name(string commonName)
    {
        // The builder encodes the value itself: a comma or '=' in a name cannot smuggle in another RDN.
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        return builder.Build();
    }

    private static (DateTimeOffset NotBefore, DateTimeOffset NotAfter) Window(DateTimeOffset now, TimeSpan validity)
    {
        if (validity <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(validity), validity, "a certificate's validity must be positive");
        }

        var start = WholeSeconds(now);
        return (start - ClockSkewAllowance, start + validity);
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
