using System.Collections.Immutable;
using System.Net;

namespace Causeway.Core.Model;

/// <summary>
/// [access]: OpenVPN access servers on this host (UDP and TCP at the same time by default) that phones and laptops
/// connect to with one profile each, and whose traffic goes to the egress and, if allowed, to the overlay.
/// </summary>
/// <param name="PublicAddress">
/// Host name or IP address written into client profiles. Null: the uplink address is used, which `up` accepts only
/// when it is public (a VM behind 1:1 NAT has a private one, and then this must be set).
/// </param>
/// <param name="Servers">One or two: UDP first, then TCP.</param>
/// <param name="Pool">The clients' IPv4 addresses, split between the servers.</param>
/// <param name="AllowInternet">Clients' traffic may go to the internet, through the egress only.</param>
/// <param name="AllowOverlay">Clients and overlay members may reach each other.</param>
/// <param name="MasqueradeOverlay">Clients' traffic into the overlay leaves with this host's overlay address.</param>
/// <param name="ClientToClient">Clients may reach each other.</param>
/// <param name="DnsViaServer">
/// Clients are told to use their server's own tun address, where Causeway redirects DNS to the provider's resolver.
/// Pushed before <paramref name="DnsServers"/>.
/// </param>
/// <param name="DnsServers">Other resolvers pushed to clients as they are.</param>
/// <param name="BlockIpv6">Clients' IPv6 goes into the tunnel and is refused there, rather than around it.</param>
public sealed record AccessSettings(
    string? PublicAddress,
    ImmutableArray<AccessServerSettings> Servers,
    IPNetwork Pool,
    bool AllowInternet,
    bool AllowOverlay,
    bool MasqueradeOverlay,
    bool ClientToClient,
    bool DnsViaServer,
    ImmutableArray<IPAddress> DnsServers,
    bool BlockIpv6)
{
    public const int DefaultUdpPort = 1194;
    public const int DefaultTcpPort = 443;
    public const string DefaultPool = "10.9.0.0/24";
    public const string DefaultUdpDeviceName = "tuncw-udp";
    public const string DefaultTcpDeviceName = "tuncw-tcp";

    public AccessServerSettings? Udp => Servers.FirstOrDefault(s => s.Transport == AccessTransport.Udp);

    public AccessServerSettings? Tcp => Servers.FirstOrDefault(s => s.Transport == AccessTransport.Tcp);

    /// <summary>By value, arrays included (the generated equality would compare the arrays by reference).</summary>
    public bool Equals(AccessSettings? other) =>
        other is not null
        && PublicAddress == other.PublicAddress
        && Servers.SequenceEqual(other.Servers)
        && Pool.Equals(other.Pool)
        && AllowInternet == other.AllowInternet
        && AllowOverlay == other.AllowOverlay
        && MasqueradeOverlay == other.MasqueradeOverlay
        && ClientToClient == other.ClientToClient
        && DnsViaServer == other.DnsViaServer
        && DnsServers.SequenceEqual(other.DnsServers)
        && BlockIpv6 == other.BlockIpv6;

    public override int GetHashCode() => HashCode.Combine(PublicAddress, Pool, Servers.Length, AllowInternet, AllowOverlay, ClientToClient);
}
