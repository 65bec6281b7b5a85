using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Causeway.Core.Config;

/// <summary>
/// Where each section, key and array element of the config file is, by key path: "overlay" (a section),
/// "egress.auth" (a key), "overlay.subnets[1]" (an element). Checks that run after loading (a missing profile file,
/// an auth file readable by others, a missing interface) use it to name the line that caused them.
/// </summary>
public sealed class ConfigSourceMap
{
    private readonly ImmutableDictionary<string, ConfigSourceEntry> _entries;

    public ConfigSourceMap(string file, ImmutableDictionary<string, ConfigSourceEntry> entries)
    {
        File = file;
        _entries = entries.WithComparers(StringComparer.Ordinal);
    }

    /// <summary>The config file, as given to the loader; every diagnostic names it.</summary>
    public string File { get; }

    /// <summary>Every key path present in the file (sections, keys and array elements).</summary>
    public IEnumerable<string> Paths => _entries.Keys;

    public static ConfigSourceMap Empty(string file) => new(file, ImmutableDictionary<string, ConfigSourceEntry>.Empty);

    /// <summary>The key path was written in the file (whether or not its value was valid).</summary>
    public bool Contains(string path) => _entries.ContainsKey(path);

    public bool TryGet(string path, [NotNullWhen(true)] out ConfigSourceEntry? entry) => _entries.TryGetValue(path, out entry);

    /// <summary>
    /// Where a message about <paramref name="path"/> should point: its value if it was written, else the nearest
    /// enclosing thing that was ("overlay.subnets[3]" → "overlay.subnets" → "overlay"), else <see cref="ConfigSourcePosition.None"/>
    /// (a default value that nobody wrote).
    /// </summary>
    public ConfigSourcePosition Locate(string path) => Find(path)?.Value ?? ConfigSourcePosition.None;

    /// <summary>Like <see cref="Locate"/>, but the key rather than its value (for "unknown key", "not allowed here").</summary>
    public ConfigSourcePosition LocateKey(string path) => Find(path)?.Key ?? ConfigSourcePosition.None;

    private ConfigSourceEntry? Find(string path)
    {
        for (var current = path; current.Length > 0; current = Parent(current))
        {
            if (_entries.TryGetValue(current, out var entry))
            {
                return entry;
            }
        }

        return null;
    }

    private static string Parent(string path)
    {
        var cut = path.LastIndexOfAny(['.', '[']);
        return cut < 0 ? string.Empty : path[..cut];
    }
}
