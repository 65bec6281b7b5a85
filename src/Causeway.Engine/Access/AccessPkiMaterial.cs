namespace Causeway.Engine.Access;

/// <summary>What every client profile carries from the PKI.</summary>
/// <param name="CaCertificatePem">The CA certificate (not a secret).</param>
/// <param name="ServerCommonName">Pinned with `verify-x509-name`.</param>
/// <param name="TlsCryptKey">The tls-crypt key, shared by the servers and every client. A secret.</param>
public sealed record AccessPkiMaterial(string CaCertificatePem, string ServerCommonName, string TlsCryptKey)
{
    /// <summary>Never prints the key.</summary>
    public override string ToString() => $"AccessPkiMaterial {{ ServerCommonName = {ServerCommonName} }}";
}
