using System.Security.Cryptography.X509Certificates;

namespace Causeway.Core.Pki;

/// <summary>What a certificate's extensions allow it to be; each answer is a problem message or null.</summary>
internal static class CertificateFacts
{
    /// <summary>Why this certificate cannot act as a CA for OpenVPN (OpenSSL requires CA:TRUE), or null if it can.</summary>
    internal static string? AuthorityProblem(X509Certificate2 certificate)
    {
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is null || !constraints.CertificateAuthority)
        {
            return $"'{Subject(certificate)}' is not a CA certificate (it has no basicConstraints CA:TRUE), so OpenSSL will not accept " +
                "anything it signed: use the CA's certificate here, not a server or client certificate";
        }

        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is not null && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
        {
            return $"'{Subject(certificate)}' has a keyUsage without keyCertSign, so it may not sign certificates: create a new CA";
        }

        return null;
    }

    /// <summary>Why OpenVPN's `remote-cert-tls` would refuse this certificate in this role, or null.</summary>
    internal static string? RoleProblem(X509Certificate2 certificate, CertificateRole role)
    {
        var (oid, name, word) = role switch
        {
            CertificateRole.Server => (CertificateAuthority.ServerAuthOid, "serverAuth", "server"),
            _ => (CertificateAuthority.ClientAuthOid, "clientAuth", "client"),
        };
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is { CertificateAuthority: true })
        {
            return $"'{Subject(certificate)}' is a CA certificate, not a {word} certificate: " +
                "point this setting at the issued certificate";
        }

        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (usages is null || !usages.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(u => u.Value == oid))
        {
            return $"'{Subject(certificate)}' has no extended key usage {name}, which `remote-cert-tls {word}` " +
                $"requires: issue a {word} certificate for it";
        }

        if (certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is null)
        {
            return $"'{Subject(certificate)}' has no keyUsage extension, which `remote-cert-tls` requires: issue a new certificate";
        }

        return null;
    }

    internal static string Subject(X509Certificate2 certificate) => certificate.Subject;

    internal static DateTimeOffset NotBefore(X509Certificate2 certificate) => new(certificate.NotBefore.ToUniversalTime());

    internal static DateTimeOffset NotAfter(X509Certificate2 certificate) => new(certificate.NotAfter.ToUniversalTime());
}
