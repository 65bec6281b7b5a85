using System.Net;

namespace Causeway.Lab.Backbone;

/// <summary>
/// A Causeway host's uplink to the internet router: its device, the router's end of the link (where the leak
/// counters sit) and both ends' addresses. Uno's sbc and Duo's VM use the backbone's gateway addresses
/// (<see cref="BackboneTopology.Uplink"/>); Dinosaur has two such hosts, the VM on addresses of its own.
/// </summary>
/// <param name="Node">The host's node, e.g. sbc.</param>
/// <param name="Device">The host's end, e.g. s-up.</param>
/// <param name="InternetSide">The router's end, e.g. i-sbc: the leak counters' device.</param>
public sealed record GatewayUplink(
    string Node,
    string Device,
    string InternetSide,
    IPAddress Address,
    IPAddress InternetAddress,
    int PrefixLength,
    IPAddress Address6,
    IPAddress InternetAddress6,
    int PrefixLength6)
{
    /// <summary>
    /// Every destination of this host's own test traffic: the router's end of its uplink (the canary, the
    /// benchmark's raw path) and the host's echo service (<see cref="BackboneTopology.HostEchoAddress"/>).
    /// </summary>
    public IReadOnlyList<IPAddress> HostOnlyDestinations => [InternetAddress, BackboneTopology.HostEchoAddress];

    public IReadOnlyList<IPAddress> HostOnlyDestinations6 => [InternetAddress6, BackboneTopology.HostEchoAddress6];

    /// <summary>Where the host's canary goes: the router's discard port on this link.</summary>
    public IPEndPoint Canary => new(InternetAddress, BackboneTopology.CanaryPort);
}
