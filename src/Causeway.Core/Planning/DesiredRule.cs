using System.Net;
using System.Net.Sockets;
using Causeway.Core.Netlink;

namespace Causeway.Core.Planning;

/// <summary>A policy-routing rule Causeway wants: `ip rule add priority P iif DEV [to NET] lookup TABLE`.</summary>
/// <param name="Destination">null for the catch-all rule.</param>
public sealed record DesiredRule(
    AddressFamily Family,
    int Priority,
    string InputInterface,
    IPNetwork? Destination,
    int Table)
{
    /// <summary>The observed rule is exactly this one: same selectors and nothing more.</summary>
    public bool Matches(IpRule rule) =>
        rule.Family == Family
        && rule.Priority == Priority
        && rule.InputInterface == InputInterface
        && rule.Destination == Destination
        && rule.TableId == Table
        && rule.Source is null
        && rule.OutputInterface is null
        && rule.FwMark is null
        && rule.Action is null
        && rule.OtherSelectors.IsEmpty;

    public override string ToString() =>
        $"{Families.Name(Family)} prio {Priority} from all{(Destination is { } d ? $" to {d}" : string.Empty)} iif {InputInterface} lookup {RouteTables.Name(Table)}";
}
