using System.Collections.Concurrent;
using Causeway.Engine.Seams;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.TestKit;

/// <summary>
/// Network namespaces for one test, all named with a unique prefix (cw-t&lt;random&gt;-), and removed on dispose even
/// when the test fails: every process still running inside them is killed first, then the namespaces go.
/// Traffic in tests goes only between these namespaces or to loopback.
/// </summary>
public sealed class NetnsScope : IAsyncDisposable
{
    private readonly ConcurrentBag<string> _namespaces = [];
    private readonly ProcessCommandRunner _runner = new();

    private NetnsScope(string prefix) => Prefix = prefix;

    /// <summary>e.g. "cw-t3f9a-". Keep names short: the prefix plus a name must fit in 15 characters for veths.</summary>
    public string Prefix { get; }

    public ICommandRunner Runner => _runner;

    /// <summary>Skips the test unless it runs as root (CI runs as root).</summary>
    public static NetnsScope Create()
    {
        if (!RootUser.IsRoot)
        {
            Assert.Skip(RootUser.SkipReason);
        }

        return new NetnsScope(TestNamespaces.Lead is { } lead ? $"{lead}t{Random.Shared.Next(0x1000):x3}-" : $"cw-t{Random.Shared.Next(0x10000):x4}-");
    }

    /// <summary>Creates a namespace named Prefix + <paramref name="name"/> with loopback up, and returns its name.</summary>
    public async Task<string> AddNamespaceAsync(string name)
    {
        var full = Prefix + name;
        await RunAsync("ip", "netns", "add", full);
        _namespaces.Add(full);
        await ExecAsync(full, "ip", "link", "set", "lo", "up");
        return full;
    }

    /// <summary>Runs a command on the host; throws with its stderr if it fails.</summary>
    public async Task<CommandResult> RunAsync(string program, params string[] arguments)
    {
        var spec = CommandSpec.Of(program, arguments);
        return (await _runner.RunAsync(spec)).EnsureSuccess("test setup", spec);
    }

    /// <summary>Runs a command inside a namespace; throws with its stderr if it fails.</summary>
    public Task<CommandResult> ExecAsync(string ns, string program, params string[] arguments) =>
        RunAsync("ip", ["netns", "exec", ns, program, .. arguments]);

    /// <summary>Runs a command inside a namespace and returns its result whatever the exit code.</summary>
    public Task<CommandResult> TryExecAsync(string ns, string program, params string[] arguments) =>
        _runner.RunAsync(CommandSpec.Of("ip", ["netns", "exec", ns, program, .. arguments]));

    /// <summary>A veth pair between two namespaces (names must be unique only within each namespace).</summary>
    public async Task AddVethAsync(string nsA, string ifA, string nsB, string ifB)
    {
        await RunAsync("ip", "link", "add", ifA, "netns", nsA, "type", "veth", "peer", "name", ifB, "netns", nsB);
        await ExecAsync(nsA, "ip", "link", "set", ifA, "up");
        await ExecAsync(nsB, "ip", "link", "set", ifB, "up");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var ns in _namespaces)
        {
            await KillProcessesInAsync(ns);
            await _runner.RunAsync(CommandSpec.Of("ip", "netns", "del", ns));
        }
    }

    /// <summary>`ip netns pids` lists every process whose network namespace is this one.</summary>
    private async Task KillProcessesInAsync(string ns)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var pids = await _runner.RunAsync(CommandSpec.Of("ip", "netns", "pids", ns));
            var live = pids.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(IsAlive)
                .ToArray();
            if (live.Length == 0)
            {
                return;
            }

            foreach (var pid in live)
            {
                await _runner.RunAsync(CommandSpec.Of("kill", "-KILL", pid));
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A zombie (state Z) is dead already; init here reaps late.</summary>
    private static bool IsAlive(string pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z";
        }
        catch (IOException)
        {
            return false;
        }
    }
}
