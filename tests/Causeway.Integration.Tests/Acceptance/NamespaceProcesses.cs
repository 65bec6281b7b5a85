using System.Globalization;
using Causeway.Engine.Seams;
using Causeway.Lab.Machine;
using Causeway.Linux.Platform;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// The processes of one network namespace, from `ip netns pids` and /proc. A zombie (state Z) counts as dead: init
/// reaps orphans about 2 s late on these machines.
/// </summary>
public static class NamespaceProcesses
{
    private static readonly ProcessCommandRunner Runner = new();
    private static readonly ProcessTable Table = new(new LinuxFileSystem(), new NetnsRunner(Runner));

    /// <summary>/proc/&lt;pid&gt;/stat, or null if there is no such process.</summary>
    public static ProcessStat? Read(int pid) => Table.Read(pid);

    public static bool IsAlive(int pid) => Table.IsAlive(pid);

    /// <summary>Live processes in the namespace, zombies left out.</summary>
    public static async Task<IReadOnlyList<ProcessStat>> ListAsync(string ns, CancellationToken ct)
    {
        var spec = CommandSpec.Of("ip", "netns", "pids", ns);
        var result = (await Runner.RunAsync(spec, ct)).EnsureSuccess("listing the namespace's processes", spec);
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pid => Read(int.Parse(pid, CultureInfo.InvariantCulture)))
            .OfType<ProcessStat>()
            .Where(stat => stat.State != 'Z')];
    }

    /// <summary>Pids of the live processes named <paramref name="comm"/> in the namespace.</summary>
    public static async Task<IReadOnlyList<int>> PidsNamedAsync(string ns, string comm, CancellationToken ct) =>
        [.. (await ListAsync(ns, ct)).Where(p => p.Name == comm).Select(p => p.Pid)];
}
