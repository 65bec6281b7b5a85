using Causeway.Lab.Backbone;

namespace Causeway.Lab.Worlds;

/// <summary>
/// Where each file of a world lives, under its directory (one subdirectory per node): the parts every world has
/// (the internet, the provider, the gateway running `causeway up`, the laptop on the overlay). Uno's gateway is the
/// sbc, Duo's the vm.
/// </summary>
public class WorldLayout(LabWorld world, string gatewayNode)
{
    public string Directory => world.Directory;

    /// <summary>The node that runs `causeway up` (sbc in Uno, vm in Duo).</summary>
    public string GatewayNode => gatewayNode;

    public string InternetDirectory => NodeDirectory(BackboneTopology.Internet);

    public string ProviderDirectory => NodeDirectory(BackboneTopology.Provider);

    public string GatewayDirectory => NodeDirectory(gatewayNode);

    public string LaptopDirectory => NodeDirectory(BackboneTopology.Laptop);

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

    /// <summary>The gateway's state_dir (as <see cref="GatewayConfigFile"/> writes it): the state file, the kill switch saved for the boot step.</summary>
    public string GatewayStateDirectory => Path.Combine(GatewayDirectory, "state");

    /// <summary>The OpenVPN client config `causeway up` writes (under the run_dir of <see cref="GatewayConfigFile"/>).</summary>
    public string GatewayOpenVpnConfig => Path.Combine(GatewayDirectory, "run", "openvpn", "client.conf");

    /// <summary>The pid file of Causeway's OpenVPN (its writepid).</summary>
    public string GatewayOpenVpnPidFile => Path.Combine(GatewayDirectory, "run", "openvpn", "openvpn.pid");

    public string ZeroTierHome => Path.Combine(GatewayDirectory, GatewayConfigFile.ZeroTierHomeName);

    public string ZeroTierScenario => Path.Combine(GatewayDirectory, "zerotier-scenario.json");

    public string ZeroTierLog => Path.Combine(GatewayDirectory, "zerotier-standin.log");

    public string SnapshotBeforeUp => Path.Combine(GatewayDirectory, "snapshot-before-up.json");

    public string SnapshotAfterDown => Path.Combine(GatewayDirectory, "snapshot-after-down.json");

    /// <summary>A node's own directory, e.g. &lt;world&gt;/phone-cafe.</summary>
    public string NodeDirectory(string node) => Path.Combine(Directory, node);
}
