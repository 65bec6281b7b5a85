using System.Net;
using System.Net.Sockets;
using Causeway.Core.Netlink;

namespace Causeway.Core.Planning;

/// <summary>A route Causeway wants in its own table.</summary>
/// <param name="Type"><see cref="IpRoute.Unicast"/> or <see cref="IpRoute.Unreachable"/>.</param>
/// <param name="Device">For unicast routes; null for unreachable ones.</param>
/// <param name="RequiresDevice">
/// Planned only while this device exists: a route through a missing device cannot be added, and the
/// unreachable default underneath keeps the table closed meanwhile.
/// </param>
public sealed record DesiredRoute(
    AddressFamily Family,
    string Type,
    IPNetwork Destination,
    string? Device,
    IPAddress? Gateway,
    long Metric,
    string? RequiresDevice = null)
{
    /// <summary>What identifies a route within a table for the kernel: family, destination and metric.</summary>
    public bool SameSlot(IpRoute route) =>
        route.Family == Family && route.Destination == Destination && route.Metric == Metric;

    /// <summary>Same slot and same content (the device of an unreachable route is meaningless: IPv6 shows lo).</summary>
    public bool Matches(IpRoute route) =>
        SameSlot(route)
        && route.Type == Type
        && (Type != IpRoute.Unicast || (route.Device == Device && Equals(route.Gateway, Gateway)));

    public override string ToString() =>
        $"{(Type == IpRoute.Unicast ? string.Empty : Type + " ")}{(Destination.PrefixLength == 0 ? "default" : Destination.ToString())}"
        + $"{(Gateway is null ? string.Empty : $" via {Gateway}")}{(Device is null ? string.Empty : $" dev {Device}")} metric {Metric}";
}
