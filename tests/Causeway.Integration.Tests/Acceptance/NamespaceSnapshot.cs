using System.Collections.Immutable;
using Causeway.Lab.Machine;
using Causeway.Linux.Platform;
using HostSnapshot = Causeway.Lab.Machine.HostSnapshot;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// Everything of one network namespace that "bad input never changes the host" is about: the
/// <see cref="HostSnapshot"/> (ip rules v4/v6, routes of every table, the nft ruleset, forwarding and rp_filter
/// sysctls) plus the processes that run in it (`ip netns pids`, zombies left out: they are dead already).
/// </summary>
public sealed record NamespaceSnapshot(HostSnapshot Host, ImmutableArray<string> Processes)
{
    public static async Task<NamespaceSnapshot> CaptureAsync(string ns, CancellationToken ct)
    {
        var host = await HostSnapshot.CaptureAsync(new NetnsCommandRunner(new ProcessCommandRunner(), ns), ct);
        return new NamespaceSnapshot(host, await ProcessesAsync(ns, ct));
    }

    /// <summary>Every difference, one line each: empty when the namespace is as it was.</summary>
    public ImmutableArray<string> DifferencesTo(NamespaceSnapshot after)
    {
        var differences = Host.DifferencesTo(after.Host).ToBuilder();
        differences.AddRange(Processes.Except(after.Processes).Select(p => $"- [processes] {p}"));
        differences.AddRange(after.Processes.Except(Processes).Select(p => $"+ [processes] {p}"));
        return differences.ToImmutable();
    }

    /// <summary>A readable diff for assertion messages.</summary>
    public static string Diff(NamespaceSnapshot before, NamespaceSnapshot after)
    {
        var differences = before.DifferencesTo(after);
        return differences.IsEmpty ? "identical" : string.Join('\n', differences);
    }

    /// <summary>"pid comm" of every live process in the namespace, sorted.</summary>
    private static async Task<ImmutableArray<string>> ProcessesAsync(string ns, CancellationToken ct) =>
        [.. (await NamespaceProcesses.ListAsync(ns, ct)).Select(p => $"{p.Pid} {p.Name}").Order(StringComparer.Ordinal)];
}
