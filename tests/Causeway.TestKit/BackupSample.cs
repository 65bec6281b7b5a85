namespace Causeway.TestKit;

/// <summary>A Duo host's config and provider files as the backup tests of the core and of the engine both use them.</summary>
public static class BackupSample
{
    public const string ConfigPath = "/etc/causeway/causeway.toml";

    public const string Config = """
        [overlay]
        zerotier_network = "8bd5124fd6f4d0a1"

        [egress]
        profile = "provider.ovpn"
        auth = "provider.auth"

        [access]
        public_address = "vpn.example.net"

        """;

    /// <summary>A provider profile that names one file beside it (its CA) and inlines the rest.</summary>
    public const string Profile = """
        client
        dev tun
        proto udp
        remote 198.51.100.2 1194
        auth-user-pass
        ca provider-ca.crt
        verb 3

        """;
}
