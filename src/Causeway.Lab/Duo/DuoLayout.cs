using Causeway.Lab.Worlds;

namespace Causeway.Lab.Duo;

/// <summary>Where the Duo world's own files live: the phones' profiles and logs, the laptop's echo service.</summary>
public sealed class DuoLayout(LabWorld world) : WorldLayout(world, DuoTopology.Vm)
{
    public string CafeDirectory => NodeDirectory(DuoTopology.Cafe);

    /// <summary>The profile `causeway client add NAME --out FILE` writes: the one file the phone imports, as it is.</summary>
    public string PhoneProfile(string phone, string client) => Path.Combine(NodeDirectory(phone), $"{client}.ovpn");

    /// <summary>The phone's stock `openvpn --config` output.</summary>
    public string PhoneOpenVpnLog(string phone, string client) => Path.Combine(NodeDirectory(phone), $"{client}.openvpn.log");

    public string PhoneEchoLog(string phone) => Path.Combine(NodeDirectory(phone), "echo.log");

    public string LaptopEchoLog => Path.Combine(LaptopDirectory, "echo.log");

    /// <summary>An access server's pid file on the VM ("udp" or "tcp"), under the run_dir of the VM's config.</summary>
    public string AccessServerPidFile(string transport) => Path.Combine(GatewayDirectory, "run", "openvpn", $"access-{transport}.pid");
}
