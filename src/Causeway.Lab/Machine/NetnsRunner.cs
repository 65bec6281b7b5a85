using Causeway.Engine.Seams;

namespace Causeway.Lab.Machine;

/// <summary>Runs commands on the host or inside a network namespace (`ip netns exec`), through the seam.</summary>
public sealed class NetnsRunner(ICommandRunner runner)
{
    public ICommandRunner Runner => runner;

    /// <summary>Runs on the host; throws <see cref="CommandFailedException"/> saying what was being done.</summary>
    public async Task<CommandResult> RunAsync(string doing, string program, IEnumerable<string> arguments, CancellationToken ct, string? input = null)
    {
        var spec = new CommandSpec(program, [.. arguments], input);
        return (await runner.RunAsync(spec, ct)).EnsureSuccess(doing, spec);
    }

    /// <summary>Runs inside <paramref name="ns"/>; throws on a non-zero exit.</summary>
    public Task<CommandResult> ExecAsync(string doing, string ns, string program, IEnumerable<string> arguments, CancellationToken ct, string? input = null) =>
        RunAsync(doing, "ip", ["netns", "exec", ns, program, .. arguments], ct, input);

    /// <summary>Runs inside <paramref name="ns"/> and returns the result whatever the exit code.</summary>
    public Task<CommandResult> TryExecAsync(string ns, string program, IEnumerable<string> arguments, CancellationToken ct, TimeSpan? timeout = null) =>
        runner.RunAsync(new CommandSpec("ip", ["netns", "exec", ns, program, .. arguments], Timeout: timeout), ct);

    /// <summary>Runs on the host and returns the result whatever the exit code.</summary>
    public Task<CommandResult> TryRunAsync(string program, IEnumerable<string> arguments, CancellationToken ct) =>
        runner.RunAsync(new CommandSpec(program, [.. arguments]), ct);

    /// <summary>`ip ARGS` inside a namespace (ip -n), which needs no exec.</summary>
    public Task<CommandResult> IpAsync(string doing, string ns, params string[] arguments) =>
        RunAsync(doing, "ip", ["-n", ns, .. arguments], CancellationToken.None);

    public Task<CommandResult> NftAsync(string doing, string ns, string ruleset, CancellationToken ct) =>
        ExecAsync(doing, ns, "nft", ["-f", "-"], ct, ruleset);

    public Task<CommandResult> SysctlAsync(string ns, string key, string value, CancellationToken ct) =>
        ExecAsync($"setting {key}={value} in {ns}", ns, "sysctl", ["-q", "-w", $"{key}={value}"], ct);

    public async Task<string> ReadSysctlAsync(string ns, string key, CancellationToken ct) =>
        (await ExecAsync($"reading {key} in {ns}", ns, "sysctl", ["-n", key], ct)).StandardOutput.Trim();

    /// <summary>Names of the namespaces that exist now (`ip netns list`).</summary>
    public async Task<IReadOnlySet<string>> ListNamespacesAsync(CancellationToken ct)
    {
        var result = await RunAsync("listing network namespaces", "ip", ["netns", "list"], ct);
        return result.StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')[0])
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Pids of every process in the namespace (`ip netns pids`); empty if it does not exist.</summary>
    public async Task<IReadOnlyList<int>> NamespacePidsAsync(string ns, CancellationToken ct)
    {
        var result = await TryRunAsync("ip", ["netns", "pids", ns], ct);
        return !result.Succeeded
            ? []
            : [.. result.StandardOutput
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => int.TryParse(p, out var pid) ? pid : 0)
                .Where(pid => pid > 0)];
    }
}
