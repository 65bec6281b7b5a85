using Causeway.Lab.Backbone;
using Causeway.Lab.Duo;

namespace Causeway.Lab.Dinosaur;

/// <summary>
/// The `causeway up` configs of the Dinosaur world: the sbc's is Uno's with its read-only status listener on its overlay
/// address (<see cref="GatewayConfigFile"/>); the VM's is Duo's whose [egress] names the sbc on the overlay
/// (`overlay_gateway`) instead of a provider profile, and reads the sbc's own hops from that listener.
/// </summary>
public static class DinosaurConfigFile
{
    public static string Sbc(string instanceName, string directory) => GatewayConfigFile.Build(instanceName, directory) + $"""

        [service]
        listen = "{DinosaurTopology.SbcOverlayAddress}:{DinosaurTopology.SbcStatusPort}"

        """;

    public static string Vm(string instanceName, string directory) => GatewayConfigFile.Common(instanceName, directory) + $"""
        [egress]
        overlay_gateway = "{DinosaurTopology.SbcOverlayAddress}"
        internet_probe = "{BackboneTopology.EchoAddress}"
        ping_seconds = 1
        gateway_status_port = {DinosaurTopology.SbcStatusPort}

        """ + VmConfigFile.Access(DinosaurTopology.VmPublicAddress);
}
