using System.Collections.Immutable;
using System.Text.Json;

namespace Causeway.Core.Netlink;

/// <summary>Parses `ip [-details] -json link show`.</summary>
public static class IpLinkParser
{
    public static ImmutableArray<IpLink> Parse(string json)
    {
        const string what = "ip -json link show";
        using var document = IpJson.ParseArray(json, what);
        var links = ImmutableArray.CreateBuilder<IpLink>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            links.Add(new IpLink(
                (int)(IpJson.GetInt64(element, "ifindex") ?? 0),
                IpJson.GetString(element, "ifname")
                    ?? throw new FormatException($"parsing the output of `{what}`: a link without a name: {element.GetRawText()}"),
                [.. IpJson.GetStrings(element, "flags")],
                (int)(IpJson.GetInt64(element, "mtu") ?? 0),
                IpJson.GetString(element, "operstate"),
                IpJson.GetString(element, "link_type"))
            {
                Kind = element.TryGetProperty("linkinfo", out var info) && info.ValueKind == JsonValueKind.Object
                    ? IpJson.GetString(info, "info_kind")
                    : null,
            });
        }

        return links.ToImmutable();
    }
}
