using System.Collections.Immutable;
using System.Net;

namespace Causeway.Core.Netlink;

/// <summary>Parses `ip -json neigh show` (an empty array when there is no entry).</summary>
public static class IpNeighbourParser
{
    public static ImmutableArray<IpNeighbour> Parse(string json)
    {
        const string what = "ip -json neigh show";
        using var document = IpJson.ParseArray(json, what);
        var neighbours = ImmutableArray.CreateBuilder<IpNeighbour>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var destination = IpJson.GetString(element, "dst");
            if (!IPAddress.TryParse(destination, out var address))
            {
                throw new FormatException($"parsing the output of `{what}`: an entry without a valid destination: {element.GetRawText()}");
            }

            neighbours.Add(new IpNeighbour(address, IpJson.GetString(element, "lladdr"), [.. IpJson.GetStrings(element, "state")]));
        }

        return neighbours.ToImmutable();
    }
}
