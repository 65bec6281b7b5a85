using System.Diagnostics;
using Causeway.Engine.Seams;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Package;

/// <summary>
/// dpkg on this host, run inside a network namespace of the test's own: the maintainer scripts (the prerm runs
/// `causeway down`) then touch no network state of the host's. The package database and the files are the host's.
/// </summary>
public sealed class Dpkg(string ns)
{
    /// <summary>Another apt or dpkg on the machine holds its lock for this long at most before the step fails.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(3);

    private static readonly ProcessCommandRunner Runner = new();

    /// <summary>`dpkg ARGS`, which must succeed; waits while another dpkg or apt holds the lock.</summary>
    public async Task<CommandResult> RunAsync(params string[] arguments)
    {
        var result = await TryRunAsync(arguments);
        Assert.True(result.Succeeded, $"dpkg {string.Join(' ', arguments)}: exit {result.ExitCode}\n{result.StandardOutput}{result.StandardError}");
        return result;
    }

    /// <summary>`dpkg ARGS` whatever its exit code (after waiting out another holder of the lock).</summary>
    public async Task<CommandResult> TryRunAsync(params string[] arguments)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var spec = new CommandSpec("ip", ["netns", "exec", ns, "dpkg", .. arguments], Timeout: TimeSpan.FromMinutes(3));
            var result = await Runner.RunAsync(spec, CancellationToken.None);
            if (!IsLocked(result) || Stopwatch.GetElapsedTime(started) > LockWait)
            {
                return result;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
        }
    }

    /// <summary>The package's status as dpkg-query abbreviates it ("ii ", "rc ", …), or null when dpkg does not know it.</summary>
    public static async Task<string?> StatusAsync(string package)
    {
        var result = await Runner.RunAsync(CommandSpec.Of("dpkg-query", "-W", "-f=${db:Status-Abbrev}", package), CancellationToken.None);
        return result.Succeeded && result.StandardOutput.Length > 0 ? result.StandardOutput : null;
    }

    /// <summary>The installed version, or null.</summary>
    public static async Task<string?> VersionAsync(string package)
    {
        var result = await Runner.RunAsync(CommandSpec.Of("dpkg-query", "-W", "-f=${Version}", package), CancellationToken.None);
        return result.Succeeded ? result.StandardOutput : null;
    }

    private static bool IsLocked(CommandResult result) =>
        !result.Succeeded && result.StandardError.Contains("lock", StringComparison.OrdinalIgnoreCase)
        && result.StandardError.Contains("held by", StringComparison.OrdinalIgnoreCase);
}
