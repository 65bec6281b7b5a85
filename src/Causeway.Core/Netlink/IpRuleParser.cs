using System.Collections.Immutable;
using System.Net.Sockets;

namespace Causeway.Core.Netlink;

/// <summary>Parses `ip [-6] [-N] -json rule list`.</summary>
public static class IpRuleParser
{
    /// <summary>Keys that are modelled, or that say nothing about which packets match.</summary>
    private static readonly FrozenKeys Known = new(
        "priority", "src", "srclen", "dst", "dstlen", "iif", "oif", "fwmark", "table", "action",
        "iif_detached", "oif_detached", "protocol", "flags");

    public static ImmutableArray<IpRule> Parse(string json, AddressFamily family)
    {
        var what = family == AddressFamily.InterNetworkV6 ? "ip -6 -json rule list" : "ip -json rule list";
        using var document = IpJson.ParseArray(json, what);
        var rules = ImmutableArray.CreateBuilder<IpRule>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var priority = IpJson.GetInt64(element, "priority")
                ?? throw new FormatException($"parsing the output of `{what}`: a rule without a priority: {element.GetRawText()}");
            var fwMark = IpJson.GetString(element, "fwmark");
            if (fwMark is not null && IpJson.GetString(element, "fwmask") is { } mask)
            {
                fwMark = $"{fwMark}/{mask}";
            }

            var others = element.EnumerateObject()
                .Where(p => !Known.Contains(p.Name) && p.Name != "fwmask")
                .Select(p => $"{p.Name}={IpJson.AsText(p.Value)}")
                .ToImmutableArray();

            // A rule with "flags" other than none (e.g. "not") changes its meaning: keep it as a selector.
            var flags = IpJson.GetStrings(element, "flags");
            if (flags.Count > 0)
            {
                others = others.AddRange(flags.Select(f => $"flags={f}"));
            }

            rules.Add(new IpRule(
                family,
                priority,
                IpJson.ParseNetwork(IpJson.GetString(element, "src"), IpJson.GetInt64(element, "srclen"), family, what),
                IpJson.ParseNetwork(IpJson.GetString(element, "dst"), IpJson.GetInt64(element, "dstlen"), family, what),
                IpJson.GetString(element, "iif"),
                IpJson.GetString(element, "oif"),
                fwMark,
                IpJson.GetString(element, "table"),
                IpJson.GetString(element, "action"),
                others));
        }

        return rules.ToImmutable();
    }
}
