namespace Causeway.Core.Pki;

/// <summary>What a leaf certificate is for: the extended key usage OpenVPN's `remote-cert-tls` looks for.</summary>
public enum CertificateRole
{
    /// <summary>EKU serverAuth: clients check it with `remote-cert-tls server`.</summary>
    Server,

    /// <summary>EKU clientAuth: servers can check it with `remote-cert-tls client`.</summary>
    Client,
}
