using System.Collections.Immutable;
using System.Net;
using Causeway.Core.Access;
using Causeway.Core.Model;

namespace Causeway.Core.Planning;

/// <summary>
/// The access servers (Duo) in the planner's terms: their tun devices are client interfaces too (fail closed
/// exactly like the overlay: routed by `iif` into Causeway's table, dropped unless a rule accepts them), with their
/// own answers to where their traffic may go. <see cref="PlanningInputs.Clients"/> are then the overlay's
/// interfaces, which access clients reach only with <see cref="ToClients"/>.
/// </summary>
/// <param name="Devices">
/// One per server: its tun device, its share of the pool (routed in Causeway's table while the device is up; the
/// whole pool is unreachable there otherwise) and, when DNS is redirected there, the server's own address.
/// </param>
/// <param name="Pool">The whole client pool: unreachable in Causeway's table beneath the devices' routes.</param>
/// <param name="ToEgress">Access clients' traffic may leave through the egress (allow_internet).</param>
/// <param name="ToClients">Access clients and the overlay reach each other (allow_overlay).</param>
/// <param name="MasqueradeToClients">Access clients' traffic into the overlay is source-NATed to this host's overlay address.</param>
/// <param name="AmongThemselves">Access clients reach each other, also across servers (client_to_client).</param>
/// <param name="ClampedDevices">The TCP servers' devices: the MSS of TCP through them is clamped to <see cref="ClampedMss"/>.</param>
public sealed record AccessInputs(
    ImmutableArray<ClientInterface> Devices,
    IPNetwork Pool,
    bool ToEgress,
    bool ToClients,
    bool MasqueradeToClients,
    bool AmongThemselves,
    ImmutableArray<string> ClampedDevices,
    int ClampedMss)
{
    /// <summary>The servers' own addresses in the pool: what they send from there goes to their clients, nowhere else.</summary>
    public ImmutableArray<IPAddress> ServerAddresses { get; init; } = [];

    public static AccessInputs From(AccessSettings access) => new(
        [
            .. access.Servers.Select(s => new ClientInterface(
                s.DeviceName,
                [s.Subnet],
                access.DnsViaServer ? [s.ServerAddress] : ImmutableArray<IPAddress>.Empty)
            {
                Mtu = AccessTuning.TunMtu,
            }),
        ],
        access.Pool,
        access.AllowInternet,
        access.AllowOverlay,
        access.MasqueradeOverlay,
        access.ClientToClient,
        [.. access.Servers.Where(s => s.Transport == AccessTransport.Tcp).Select(s => s.DeviceName)],
        AccessTuning.TcpClampedMss)
    {
        ServerAddresses = [.. access.Servers.Select(s => s.ServerAddress)],
    };
}
