using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Causeway.Core.Netlink;
using Causeway.Core.Planning;
using Causeway.Engine.Seams;

namespace Causeway.Lab.Machine;

/// <summary>
/// Everything of the host's network configuration that Causeway could touch, in a comparable form: policy
/// rules, the routes of every table, the whole nft ruleset (without counters or handles) and the forwarding
/// and reverse-path sysctls. The lab and the bad-input tests compare the host with its snapshot from before
/// `up`.
/// </summary>
public sealed record HostSnapshot(ImmutableArray<SnapshotSection> Sections)
{
    /// <summary>Keys whose values change by themselves (route lifetimes).</summary>
    private static readonly string[] VolatileKeys = ["expires", "cache"];

    public static async Task<HostSnapshot> CaptureAsync(ICommandRunner runner, CancellationToken cancellationToken = default)
    {
        var sections = ImmutableArray.CreateBuilder<SnapshotSection>();
        sections.Add(new("ip -4 rule", JsonLines(await RunAsync(runner, CommandSpec.Of("ip", "-4", "-json", "rule", "list"), cancellationToken)), Ordered: true));
        sections.Add(new("ip -6 rule", JsonLines(await RunAsync(runner, CommandSpec.Of("ip", "-6", "-json", "rule", "list"), cancellationToken)), Ordered: true));
        sections.Add(new("ip -4 route", Sorted(JsonLines(await RunAsync(runner, CommandSpec.Of("ip", "-4", "-json", "route", "show", "table", "all"), cancellationToken))), Ordered: false));
        sections.Add(new("ip -6 route", Sorted(JsonLines(await RunAsync(runner, CommandSpec.Of("ip", "-6", "-json", "route", "show", "table", "all"), cancellationToken))), Ordered: false));

        // -s (stateless): no counter values; without -a: no handles.
        var nft = await RunAsync(runner, CommandSpec.Of("nft", "-s", "list", "ruleset"), cancellationToken);
        sections.Add(new("nft ruleset", [.. nft.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0)], Ordered: true));

        var links = IpLinkParser.Parse(await RunAsync(runner, CommandSpec.Of("ip", "-json", "link", "show"), cancellationToken));
        var names = new List<string>
        {
            SysctlNames.IpForward,
            SysctlNames.Ipv6Forwarding,
            SysctlNames.Ipv6DefaultForwarding,
            SysctlNames.RpFilter("all"),
            SysctlNames.RpFilter("default"),
        };
        names.AddRange(links.Select(l => SysctlNames.RpFilter(l.Name)));

        // -e: a link that vanished since the listing is not an error.
        var sysctl = await RunAsync(runner, CommandSpec.Of("sysctl", ["-e", .. names]), cancellationToken);
        var settings = sysctl.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Replace(" = ", "=", StringComparison.Ordinal));
        sections.Add(new("sysctl", Sorted(settings), Ordered: false));
        return new HostSnapshot(sections.ToImmutable());
    }

    /// <summary>Every difference from this snapshot to <paramref name="after"/>, one line each; empty when equal.</summary>
    public ImmutableArray<string> DifferencesTo(HostSnapshot after)
    {
        var differences = ImmutableArray.CreateBuilder<string>();
        foreach (var section in Sections)
        {
            var other = after.Sections.FirstOrDefault(s => s.Name == section.Name);
            if (other is null)
            {
                differences.Add($"~ [{section.Name}] missing from the later snapshot");
                continue;
            }

            if (section.Lines.SequenceEqual(other.Lines))
            {
                continue;
            }

            var removed = MultisetExcept(section.Lines, other.Lines);
            var added = MultisetExcept(other.Lines, section.Lines);
            differences.AddRange(removed.Select(l => $"- [{section.Name}] {l}"));
            differences.AddRange(added.Select(l => $"+ [{section.Name}] {l}"));
            if (removed.Count == 0 && added.Count == 0)
            {
                differences.Add($"~ [{section.Name}] same lines, different order");
            }
        }

        return differences.ToImmutable();
    }

    public bool IsSameAs(HostSnapshot other) => DifferencesTo(other).IsEmpty;

    /// <summary>A readable diff for messages: "identical" or one line per difference.</summary>
    public static string Diff(HostSnapshot before, HostSnapshot after)
    {
        var differences = before.DifferencesTo(after);
        return differences.IsEmpty ? "identical" : string.Join('\n', differences);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var section in Sections)
        {
            text.Append('[').Append(section.Name).Append("]\n");
            foreach (var line in section.Lines)
            {
                text.Append("  ").Append(line).Append('\n');
            }
        }

        return text.ToString();
    }

    private static List<string> MultisetExcept(IEnumerable<string> from, IEnumerable<string> remove)
    {
        var counts = remove.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var left = new List<string>();
        foreach (var line in from)
        {
            if (counts.TryGetValue(line, out var count) && count > 0)
            {
                counts[line] = count - 1;
            }
            else
            {
                left.Add(line);
            }
        }

        return left;
    }

    /// <summary>One line per object of an `ip -json` array: its keys and values in the order ip printed them.</summary>
    private static ImmutableArray<string> JsonLines(string json)
    {
        using var document = JsonDocument.Parse(json);
        var lines = ImmutableArray.CreateBuilder<string>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            lines.Add(string.Join(' ', element.EnumerateObject()
                .Where(p => !VolatileKeys.Contains(p.Name))
                .Select(p => $"{p.Name}={Value(p.Value)}")));
        }

        return lines.ToImmutable();
    }

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Array => string.Join(',', value.EnumerateArray().Select(Value)),
        _ => value.GetRawText(),
    };

    private static ImmutableArray<string> Sorted(IEnumerable<string> lines) => [.. lines.Order(StringComparer.Ordinal)];

    private static async Task<string> RunAsync(ICommandRunner runner, CommandSpec spec, CancellationToken cancellationToken) =>
        (await runner.RunAsync(spec, cancellationToken)).EnsureSuccess("taking a snapshot of the host", spec).StandardOutput;
}
