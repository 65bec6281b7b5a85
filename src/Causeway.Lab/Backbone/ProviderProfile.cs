namespace Causeway.Lab.Backbone;

/// <summary>
/// The profile the "provider" hands the gateway's owner: shaped like a real provider's download, with inline
/// keys, a bare `auth-user-pass`, `dev tun`, `redirect-gateway def1` and an `up`/`down` script pair. Causeway's
/// sanitizer must strip what would run code or touch the host's routes.
/// </summary>
public static class ProviderProfile
{
    public static string Build(string caPem, string certificatePem, string keyPem, string tlsCryptKey) => $"""
        # Lab Provider - generated profile (udp)
        client
        dev tun
        proto udp
        remote {BackboneTopology.ProviderAddress} {BackboneTopology.OpenVpnPort}
        resolv-retry infinite
        nobind
        persist-key
        persist-tun
        remote-cert-tls server
        verify-x509-name {Pki.LabPki.ServerCommonName} name
        data-ciphers AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305
        auth-user-pass
        script-security 2
        up /etc/openvpn/update-resolv-conf
        down /etc/openvpn/update-resolv-conf
        redirect-gateway def1
        verb 3
        <ca>
        {caPem.Trim()}
        </ca>
        <cert>
        {certificatePem.Trim()}
        </cert>
        <key>
        {keyPem.Trim()}
        </key>
        <tls-crypt>
        {tlsCryptKey.Trim()}
        </tls-crypt>

        """;
}
