using System.Collections.Frozen;

namespace Causeway.Core.Netlink;

/// <summary>A fixed set of JSON keys (ordinal).</summary>
internal sealed class FrozenKeys(params string[] keys)
{
    private readonly FrozenSet<string> _keys = keys.ToFrozenSet(StringComparer.Ordinal);

    public bool Contains(string key) => _keys.Contains(key);
}
