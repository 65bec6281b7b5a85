using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Causeway.Core.Netlink;

/// <summary>One route, as `ip -json route show table N` shows it. Its text form leaves out the family.</summary>
/// <param name="Type">"unicast" (what `ip` leaves out), "unreachable", "blackhole", "prohibit", "local"...</param>
/// <param name="Metric">The priority; IPv4 routes without one print none and have 0.</param>
/// <param name="Table">As printed; absent when the command asked for one table (IPv4).</param>
/// <param name="Flags">e.g. "linkdown", "onlink".</param>
public sealed record IpRoute(
    AddressFamily Family,
    string Type,
    IPNetwork Destination,
    IPAddress? Gateway,
    string? Device,
    long Metric,
    string? Protocol,
    string? Scope,
    string? PreferredSource,
    string? Table,
    ImmutableArray<string> Flags)
{
    public const string Unicast = "unicast";
    public const string Unreachable = "unreachable";
    public const string Blackhole = "blackhole";
    public const string Prohibit = "prohibit";

    public bool IsDefault => Destination.PrefixLength == 0;

    public override string ToString()
    {
        var text = new StringBuilder();
        if (Type != Unicast)
        {
            text.Append(Type).Append(' ');
        }

        text.Append(IsDefault ? "default" : Destination.ToString());
        if (Gateway is not null)
        {
            text.Append(" via ").Append(Gateway);
        }

        if (Device is not null)
        {
            text.Append(" dev ").Append(Device);
        }

        if (Protocol is not null)
        {
            text.Append(" proto ").Append(Protocol);
        }

        if (Scope is not null)
        {
            text.Append(" scope ").Append(Scope);
        }

        text.Append(" metric ").Append(Metric);
        return text.ToString();
    }
}
