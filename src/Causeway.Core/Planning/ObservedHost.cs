using System.Collections.Immutable;
using Causeway.Core.Netlink;
using Causeway.Core.Nft;

namespace Causeway.Core.Planning;

/// <summary>What the host holds of what Causeway cares about, as the observer read it.</summary>
/// <param name="Rules">Every policy rule, IPv4 and IPv6 (foreign ones too: they are conflicts at our priorities).</param>
/// <param name="Routes">The routes of Causeway's table only, IPv4 and IPv6.</param>
/// <param name="NftTable">Causeway's nft table, or null when it is absent.</param>
/// <param name="Sysctls">sysctl name → value; a setting that does not exist (device gone) is absent.</param>
/// <param name="Links">Names of the host's network devices.</param>
public sealed record ObservedHost(
    ImmutableArray<IpRule> Rules,
    ImmutableArray<IpRoute> Routes,
    NftTableListing? NftTable,
    ImmutableDictionary<string, string> Sysctls,
    ImmutableHashSet<string> Links)
{
    public static readonly ObservedHost Empty = new([], [], null, ImmutableDictionary<string, string>.Empty, []);

    public string? Sysctl(string name) => Sysctls.TryGetValue(name, out var value) ? value : null;
}
