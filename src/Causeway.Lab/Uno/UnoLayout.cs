namespace Causeway.Lab.Uno;

/// <summary>Where each file of an Uno world lives, under its directory (one subdirectory per node).</summary>
public sealed class UnoLayout(LabWorld world)
{
    public string Directory => world.Directory;

    public string InternetDirectory => Path.Combine(Directory, UnoTopology.Internet);

    public string ProviderDirectory => Path.Combine(Directory, UnoTopology.Provider);

    public string GatewayDirectory => Path.Combine(Directory, UnoTopology.Gateway);

    public string LaptopDirectory => Path.Combine(Directory, UnoTopology.Laptop);

    public string EchoLog => Path.Combine(InternetDirectory, "echo.log");

    public string InternetDnsLog => Path.Combine(InternetDirectory, "dns.log");

    public string ProviderServerConfig => Path.Combine(ProviderDirectory, "server.conf");

    public string ProviderOpenVpnLog => Path.Combine(ProviderDirectory, "openvpn.log");

    public string ProviderExpectedAuth => Path.Combine(ProviderDirectory, "expected-auth");

    public string ProviderDnsLog => Path.Combine(ProviderDirectory, "dns.log");

    public string GatewayConfig => Path.Combine(GatewayDirectory, "causeway.toml");

    public string GatewayProfile => Path.Combine(GatewayDirectory, GatewayConfigFile.ProfileFileName);

    public string GatewayAuth => Path.Combine(GatewayDirectory, GatewayConfigFile.AuthFileName);

    public string GatewayLog => Path.Combine(GatewayDirectory, "causeway.log");

    /// <summary>The OpenVPN client config `causeway up` writes (under the run_dir of <see cref="GatewayConfigFile"/>).</summary>
    public string GatewayOpenVpnConfig => Path.Combine(GatewayDirectory, "run", "openvpn", "client.conf");

    /// <summary>The pid file of Causeway's OpenVPN (its writepid).</summary>
    public string GatewayOpenVpnPidFile => Path.Combine(GatewayDirectory, "run", "openvpn", "openvpn.pid");

    public string ZeroTierHome => Path.Combine(GatewayDirectory, GatewayConfigFile.ZeroTierHomeName);

    public string ZeroTierScenario => Path.Combine(GatewayDirectory, "zerotier-scenario.json");

    public string ZeroTierLog => Path.Combine(GatewayDirectory, "zerotier-standin.log");

    public string SnapshotBeforeUp => Path.Combine(GatewayDirectory, "snapshot-before-up.json");

    public string SnapshotAfterDown => Path.Combine(GatewayDirectory, "snapshot-after-down.json");
}
