using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Causeway.Core.Netlink;

/// <summary>One policy-routing rule, as `ip -json rule list` shows it.</summary>
/// <param name="Family">IPv4 or IPv6: `ip` does not print it, the command that was run says it.</param>
/// <param name="Source">null = from all.</param>
/// <param name="Destination">null = to all.</param>
/// <param name="Table">As printed: a number (`ip -N`), or a name such as "main".</param>
/// <param name="Action">For rules that do not look up a table ("unreachable", "prohibit", "blackhole", "goto"...).</param>
/// <param name="OtherSelectors">
/// Every other key `ip` printed (tos, ipproto, ports, uidrange, not, suppress_prefixlength...), as key=value,
/// so that a rule with selectors Causeway does not use is never mistaken for one of Causeway's.
/// </param>
public sealed record IpRule(
    AddressFamily Family,
    long Priority,
    IPNetwork? Source,
    IPNetwork? Destination,
    string? InputInterface,
    string? OutputInterface,
    string? FwMark,
    string? Table,
    string? Action,
    ImmutableArray<string> OtherSelectors)
{
    /// <summary>The table id, or null when the rule looks up no table or a name we cannot resolve.</summary>
    public int? TableId => RouteTables.Resolve(Table);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Family == AddressFamily.InterNetworkV6 ? "IPv6 " : "IPv4 ");
        text.Append("prio ").Append(Priority);
        text.Append(" from ").Append(Source is { } source ? NetworkMath.Format(source) : "all");
        if (Destination is { } destination)
        {
            text.Append(" to ").Append(destination);
        }

        if (InputInterface is not null)
        {
            text.Append(" iif ").Append(InputInterface);
        }

        if (OutputInterface is not null)
        {
            text.Append(" oif ").Append(OutputInterface);
        }

        if (FwMark is not null)
        {
            text.Append(" fwmark ").Append(FwMark);
        }

        foreach (var other in OtherSelectors)
        {
            text.Append(' ').Append(other);
        }

        if (Table is not null)
        {
            text.Append(" lookup ").Append(TableId is { } id ? RouteTables.Name(id) : Table);
        }
        else if (Action is not null)
        {
            text.Append(' ').Append(Action);
        }

        return text.ToString();
    }
}
