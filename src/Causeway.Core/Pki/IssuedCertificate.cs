namespace Causeway.Core.Pki;

/// <summary>A freshly issued certificate and its private key, both as PEM ready to be written to 0600 files.</summary>
/// <param name="CommonName">The subject CN (OpenVPN's common_name, the client-config-dir file name).</param>
/// <param name="SerialNumberHex">
/// Uppercase hex of the DER serial, as <see cref="System.Security.Cryptography.X509Certificates.X509Certificate2.SerialNumber"/>
/// prints it; what <see cref="RevokedEntry"/> takes to revoke it.
/// </param>
/// <param name="NotBefore">Start of validity (whole seconds, UTC).</param>
/// <param name="NotAfter">End of validity (whole seconds, UTC).</param>
/// <param name="CertificatePem">"-----BEGIN CERTIFICATE-----".</param>
/// <param name="PrivateKeyPem">Unencrypted PKCS#8, "-----BEGIN PRIVATE KEY-----". A secret: write it 0600.</param>
public sealed record IssuedCertificate(
    string CommonName,
    string SerialNumberHex,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string CertificatePem,
    string PrivateKeyPem)
{
    /// <summary>Never prints the private key (records print every member by default, and this one ends up in logs).</summary>
    public override string ToString() =>
        $"IssuedCertificate {{ CommonName = {CommonName}, SerialNumberHex = {SerialNumberHex}, NotBefore = {NotBefore:u}, NotAfter = {NotAfter:u} }}";
}
