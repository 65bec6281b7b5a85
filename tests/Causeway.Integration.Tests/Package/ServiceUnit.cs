namespace Causeway.Integration.Tests.Package;

/// <summary>The settings of a systemd unit file, as written (comments and blank lines skipped; no drop-ins).</summary>
public sealed class ServiceUnit(string path)
{
    public string Path { get; } = path;

    /// <summary>Every value of <paramref name="key"/> (a key may be given several times), in order.</summary>
    public IReadOnlyList<string> Values(string key) =>
        [.. File.ReadLines(Path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && l[0] is not ('#' or ';' or '['))
            .Select(l => l.Split('=', 2))
            .Where(kv => kv.Length == 2 && kv[0].Trim() == key)
            .Select(kv => kv[1].Trim())];

    /// <summary>The capabilities CapabilityBoundingSet= grants, e.g. ["CAP_NET_ADMIN", "CAP_NET_RAW"].</summary>
    public IReadOnlyList<string> BoundingSet => [.. Values("CapabilityBoundingSet").SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
}
