namespace Causeway.Core.Pki;

/// <summary>When a PEM certificate becomes valid: a clock before it is wrong (`causeway doctor`'s clock check).</summary>
public static class CertificateValidity
{
    /// <summary>The first certificate's notBefore.</summary>
    /// <exception cref="PkiException">There is no certificate in <paramref name="pem"/>, or it does not parse.</exception>
    public static DateTimeOffset NotBefore(string pem)
    {
        using var certificate = PkiPem.ReadCertificate(pem);
        return CertificateFacts.NotBefore(certificate);
    }
}
