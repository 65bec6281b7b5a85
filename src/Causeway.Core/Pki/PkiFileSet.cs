namespace Causeway.Core.Pki;

/// <summary>
/// The files of an OpenVPN access server (Duo) checked together on every start. Only <see cref="CaCertificate"/>
/// is required; each other file is checked when present.
/// </summary>
/// <param name="CaCertificate">OpenVPN's `ca`.</param>
/// <param name="CaPrivateKey">Where client certificates are issued: the CA key (must match the CA certificate).</param>
/// <param name="ServerCertificate">OpenVPN's `cert`: must chain to the CA and carry EKU serverAuth.</param>
/// <param name="ServerPrivateKey">OpenVPN's `key`: must match <see cref="ServerCertificate"/>.</param>
/// <param name="Crl">OpenVPN's `crl-verify`: must be signed by the CA and not expired.</param>
/// <param name="TlsCryptKey">OpenVPN's `tls-crypt`.</param>
public sealed record PkiFileSet(
    PkiFile CaCertificate,
    PkiFile? CaPrivateKey = null,
    PkiFile? ServerCertificate = null,
    PkiFile? ServerPrivateKey = null,
    PkiFile? Crl = null,
    PkiFile? TlsCryptKey = null);
