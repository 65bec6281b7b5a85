using Causeway.Lab.Backbone;

namespace Causeway.Lab.Duo;

/// <summary>
/// The `causeway up` config of the Duo world's VM: the lab gateway's (<see cref="GatewayConfigFile"/>: non-default
/// names, files under the world's directory) plus [access]. The lab uses documentation ranges, so the VM's uplink
/// address is not public and public_address must say what phones connect to (here the uplink address itself; on a
/// cloud VM behind 1:1 NAT, its public IP).
/// </summary>
public static class VmConfigFile
{
    public static string Build(string instanceName, string directory) => GatewayConfigFile.Build(instanceName, directory) + Access(DuoTopology.PublicAddress);

    /// <summary>[access]: the access servers, for phones that connect to <paramref name="publicAddress"/>.</summary>
    public static string Access(System.Net.IPAddress publicAddress) => $"""
        [access]
        public_address = "{publicAddress}"
        udp_port = {DuoTopology.AccessUdpPort}
        tcp_port = {DuoTopology.AccessTcpPort}
        pool = "{DuoTopology.AccessPool}"
        udp_device = "{DuoTopology.AccessUdpDevice}"
        tcp_device = "{DuoTopology.AccessTcpDevice}"

        """;
}
