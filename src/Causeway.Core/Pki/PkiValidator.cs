using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Causeway.Core.Model;

namespace Causeway.Core.Pki;

/// <summary>
/// Checks PKI files before OpenVPN gets them, so that a bad file is a clear message naming the file and the fix
/// rather than a TLS error at the first client. Pure: file texts in (read through IFileSystem by the caller),
/// findings out; every problem is reported, not only the first. File modes (0600 files in a 0700 directory,
/// <see cref="PkiFileModes"/>) are checked by Preflight, which can stat.
/// </summary>
public static class PkiValidator
{
    /// <summary>A certificate or CA that expires sooner than this gets a warning.</summary>
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);

    /// <summary>Every check that applies to the files present.</summary>
    public static IReadOnlyList<PkiProblem> Validate(PkiFileSet files, DateTimeOffset now)
    {
        var problems = new List<PkiProblem>();
        using var ca = CheckAuthority(files.CaCertificate, files.CaPrivateKey, now, problems);
        if (files.ServerCertificate is not null)
        {
            CheckIssued(files.CaCertificate, ca, files.ServerCertificate, files.ServerPrivateKey, CertificateRole.Server, now, problems);
        }
        else if (files.ServerPrivateKey is not null)
        {
            CheckPrivateKey(files.ServerPrivateKey, problems)?.Dispose();
        }

        if (files.Crl is not null)
        {
            CheckCrl(files.CaCertificate, ca, files.Crl, now, problems);
        }

        if (files.TlsCryptKey is not null)
        {
            problems.AddRange(CheckTlsCryptKey(files.TlsCryptKey));
        }

        return problems;
    }

    /// <summary>
    /// The CA certificate parses, is a CA (basicConstraints CA:TRUE), is within its validity, and (if self-signed)
    /// its signature verifies; the CA key, if given, parses and matches it.
    /// </summary>
    public static IReadOnlyList<PkiProblem> CheckAuthority(PkiFile caCertificate, PkiFile? caPrivateKey, DateTimeOffset now)
    {
        var problems = new List<PkiProblem>();
        CheckAuthority(caCertificate, caPrivateKey, now, problems)?.Dispose();
        return problems;
    }

    /// <summary>
    /// A server or client certificate parses, was signed by the CA, is within its validity, has the extended key
    /// usage of its role, and (if given) its private key parses and matches it.
    /// </summary>
    public static IReadOnlyList<PkiProblem> CheckIssued(
        PkiFile caCertificate, PkiFile certificate, PkiFile? privateKey, CertificateRole role, DateTimeOffset now)
    {
        var problems = new List<PkiProblem>();
        using var ca = ReadCertificate(caCertificate, "the CA certificate", problems);
        CheckIssued(caCertificate, ca, certificate, privateKey, role, now, problems);
        return problems;
    }

    /// <summary>The CRL parses, was signed by the CA (issuer name and signature), and is current (OpenVPN refuses every client otherwise).</summary>
    public static IReadOnlyList<PkiProblem> CheckCrl(PkiFile caCertificate, PkiFile crl, DateTimeOffset now)
    {
        var problems = new List<PkiProblem>();
        using var ca = ReadCertificate(caCertificate, "the CA certificate", problems);
        CheckCrl(caCertificate, ca, crl, now, problems);
        return problems;
    }

    /// <summary>The tls-crypt key is in OpenVPN's Static key V1 format with exactly 256 bytes.</summary>
    public static IReadOnlyList<PkiProblem> CheckTlsCryptKey(PkiFile key)
    {
        try
        {
            TlsCryptKey.Parse(key.Text);
            return [];
        }
        catch (FormatException e)
        {
            return [Error(key, e.Message)];
        }
    }

    private static X509Certificate2? CheckAuthority(PkiFile caCertificate, PkiFile? caPrivateKey, DateTimeOffset now, List<PkiProblem> problems)
    {
        var ca = ReadCertificate(caCertificate, "the CA certificate", problems);
        if (ca is not null)
        {
            if (CertificateFacts.AuthorityProblem(ca) is { } notAuthority)
            {
                problems.Add(Error(caCertificate, notAuthority));
            }
            else if (ca.SubjectName.RawData.AsSpan().SequenceEqual(ca.IssuerName.RawData) && !IsSignedBy(caCertificate, ca.RawDataMemory, ca, problems))
            {
                problems.Add(Error(caCertificate,
                    "the CA certificate's own signature does not verify: the file is damaged or was altered; restore it from a backup or create a new CA"));
            }

            CheckValidity(caCertificate, ca, now, "create a new CA and issue new server and client certificates from it", problems);
        }

        if (caPrivateKey is not null)
        {
            using var key = CheckPrivateKey(caPrivateKey, problems);
            if (ca is not null && key is not null && !PkiPem.KeyMatches(ca, key))
            {
                problems.Add(Error(caPrivateKey,
                    $"this private key does not belong to the CA certificate in {caCertificate.Path}: use the key that was created with that CA"));
            }
        }

        return ca;
    }

    private static void CheckIssued(
        PkiFile caFile, X509Certificate2? ca, PkiFile certificateFile, PkiFile? keyFile, CertificateRole role, DateTimeOffset now,
        List<PkiProblem> problems)
    {
        var what = role == CertificateRole.Server ? "server" : "client";
        using var certificate = ReadCertificate(certificateFile, $"the {what} certificate", problems);
        if (certificate is not null)
        {
            if (ca is not null)
            {
                if (!certificate.IssuerName.RawData.AsSpan().SequenceEqual(ca.SubjectName.RawData))
                {
                    problems.Add(Error(certificateFile,
                        $"'{certificate.Subject}' was issued by '{certificate.Issuer}', not by the CA in {caFile.Path} ('{ca.Subject}'): " +
                        $"issue a new {what} certificate from this CA, or point the CA setting at its issuer"));
                }
                else if (!IsSignedBy(certificateFile, certificate.RawDataMemory, ca, problems))
                {
                    problems.Add(Error(certificateFile,
                        $"'{certificate.Subject}' does not chain to the CA in {caFile.Path}: its signature does not verify with the CA's key " +
                        $"(same name, different CA?): issue a new {what} certificate from this CA"));
                }
            }

            if (CertificateFacts.RoleProblem(certificate, role) is { } wrongRole)
            {
                problems.Add(Error(certificateFile, wrongRole));
            }

            CheckValidity(certificateFile, certificate, now, $"issue a new {what} certificate", problems);
        }

        if (keyFile is not null)
        {
            using var key = CheckPrivateKey(keyFile, problems);
            if (certificate is not null && key is not null && !PkiPem.KeyMatches(certificate, key))
            {
                problems.Add(Error(keyFile,
                    $"this private key does not belong to the {what} certificate in {certificateFile.Path}: use the key that was issued with " +
                    "that certificate, or issue a new pair"));
            }
        }
    }

    private static void CheckCrl(PkiFile caFile, X509Certificate2? ca, PkiFile crlFile, DateTimeOffset now, List<PkiProblem> problems)
    {
        CrlContents crl;
        try
        {
            crl = CrlContents.Parse(crlFile.Text);
        }
        catch (PkiException e)
        {
            problems.Add(Error(crlFile, $"{e.Message}; write a new CRL from the CA"));
            return;
        }

        if (ca is not null)
        {
            if (!crl.IssuerName.RawData.AsSpan().SequenceEqual(ca.SubjectName.RawData))
            {
                problems.Add(Error(crlFile,
                    $"the CRL was issued by '{crl.Issuer}', not by the CA in {caFile.Path} ('{ca.Subject}'): OpenVPN would refuse every " +
                    "client; write a new CRL from this CA"));
            }
            else if (!IsSignedBy(crlFile, crl.Der, ca, problems))
            {
                problems.Add(Error(crlFile,
                    $"the CRL is not signed by the CA in {caFile.Path} (its signature does not verify with the CA's key): OpenVPN would " +
                    "refuse every client; write a new CRL from this CA"));
            }
        }

        if (crl.ThisUpdate > now)
        {
            problems.Add(Error(crlFile,
                $"the CRL is not valid until {crl.ThisUpdate:u} (now {now:u}): OpenVPN would refuse every client; is this machine's clock right?"));
        }

        if (crl.NextUpdate is { } nextUpdate && nextUpdate <= now)
        {
            problems.Add(Error(crlFile,
                $"the CRL expired on {nextUpdate:u} (its nextUpdate): OpenVPN refuses every client while its crl-verify CRL is expired; " +
                "write a new CRL from the CA"));
        }
    }

    private static void CheckValidity(PkiFile file, X509Certificate2 certificate, DateTimeOffset now, string fix, List<PkiProblem> problems)
    {
        var notBefore = CertificateFacts.NotBefore(certificate);
        var notAfter = CertificateFacts.NotAfter(certificate);
        if (notAfter < now)
        {
            problems.Add(Error(file, $"'{certificate.Subject}' expired on {notAfter:u}: OpenVPN refuses it; {fix}"));
        }
        else if (notBefore > now)
        {
            problems.Add(Error(file,
                $"'{certificate.Subject}' is not valid until {notBefore:u} (now {now:u}): is this machine's clock right? If it is, {fix}"));
        }
        else if (notAfter - now < ExpiryWarning)
        {
            problems.Add(new PkiProblem(DiagnosticSeverity.Warning, file.Path,
                $"'{certificate.Subject}' expires on {notAfter:u}, in {(notAfter - now).TotalDays:0} days: {fix} before then"));
        }
    }

    private static AsymmetricAlgorithm? CheckPrivateKey(PkiFile file, List<PkiProblem> problems)
    {
        try
        {
            return PkiPem.ReadPrivateKey(file.Text);
        }
        catch (PkiException e)
        {
            problems.Add(Error(file, e.Message));
            return null;
        }
    }

    private static X509Certificate2? ReadCertificate(PkiFile file, string what, List<PkiProblem> problems)
    {
        try
        {
            return PkiPem.ReadCertificate(file.Text);
        }
        catch (PkiException e)
        {
            problems.Add(Error(file, $"{what}: {e.Message}"));
            return null;
        }
    }

    /// <summary>False if it does not verify; an algorithm Causeway cannot check is its own problem, and counts as verified.</summary>
    private static bool IsSignedBy(PkiFile file, ReadOnlyMemory<byte> der, X509Certificate2 issuer, List<PkiProblem> problems)
    {
        try
        {
            return SignatureCheck.IsSignedBy(der, issuer);
        }
        catch (PkiException e)
        {
            problems.Add(new PkiProblem(DiagnosticSeverity.Warning, file.Path, $"cannot check the signature: {e.Message}"));
            return true;
        }
    }

    private static PkiProblem Error(PkiFile file, string message) => new(DiagnosticSeverity.Error, file.Path, message);
}
