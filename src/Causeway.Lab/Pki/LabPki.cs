using Causeway.Core.Pki;

namespace Causeway.Lab.Pki;

/// <summary>
/// The provider's PKI, made by Causeway's own PKI code (Causeway.Core.Pki): a CA, the OpenVPN server's
/// certificate, the gateway's client certificate and the tls-crypt key. All PEM, written by the caller 0600.
/// </summary>
public sealed record LabPki(
    string CaCertificatePem,
    IssuedCertificate Server,
    IssuedCertificate Client,
    string TlsCryptKey)
{
    public const string ServerCommonName = "vpn.provider.lab";
    public const string ClientCommonName = "causeway-gateway";
    private static readonly TimeSpan Validity = TimeSpan.FromDays(30);

    public static LabPki Create(DateTimeOffset now, string providerAddress)
    {
        using var authority = CertificateAuthority.Create("Causeway Lab Provider CA", now, Validity);
        return new LabPki(
            authority.CertificatePem,
            authority.IssueServer(ServerCommonName, [ServerCommonName, providerAddress], now, Validity),
            authority.IssueClient(ClientCommonName, now, Validity),
            Core.Pki.TlsCryptKey.Generate().ToOpenVpnFormat());
    }

    /// <summary>Never prints keys.</summary>
    public override string ToString() => $"LabPki {{ Server = {Server.CommonName}, Client = {Client.CommonName} }}";
}
