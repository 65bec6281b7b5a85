using System.Net;
using System.Net.Sockets;
using Causeway.Core.Netlink;

namespace Causeway.Core.Planning;

/// <summary>
/// A policy-routing rule Causeway wants: `ip rule add priority P iif DEV [to NET] lookup TABLE` for traffic that
/// arrives from a client interface, or `ip rule add priority P from ADDR [to NET] lookup TABLE` for what this host
/// itself sends from a tunnel or client address (its replies, its ICMP errors).
/// </summary>
/// <param name="InputInterface">The client interface the traffic arrives on; null for a rule by <paramref name="Source"/>.</param>
/// <param name="Destination">null for the catch-all rule.</param>
/// <param name="Source">One of this host's tunnel or client addresses; null for a rule by <paramref name="InputInterface"/>.</param>
public sealed record DesiredRule(
    AddressFamily Family,
    int Priority,
    string? InputInterface,
    IPNetwork? Destination,
    int Table,
    IPNetwork? Source = null)
{
    /// <summary>The observed rule is exactly this one: same selectors and nothing more.</summary>
    public bool Matches(IpRule rule) =>
        rule.Family == Family
        && rule.Priority == Priority
        && rule.InputInterface == InputInterface
        && rule.Destination == Destination
        && rule.TableId == Table
        && rule.Source == Source
        && rule.OutputInterface is null
        && rule.FwMark is null
        && rule.Action is null
        && rule.OtherSelectors.IsEmpty;

    public override string ToString() =>
        $"{Families.Name(Family)} prio {Priority} from {(Source is { } s ? NetworkMath.Format(s) : "all")}{(Destination is { } d ? $" to {d}" : string.Empty)}"
        + $"{(InputInterface is { } i ? $" iif {i}" : string.Empty)} lookup {RouteTables.Name(Table)}";
}
