using System.Diagnostics;
using System.Globalization;
using Causeway.Engine.Seams;
using Causeway.Lab.Machine;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// A `sleep` holding a mount namespace (made inside the gateway's network namespace) whose /run is a fresh
/// tmpfs; `nsenter -t PID -m -n` runs a command in both. Killing the sleep ends the mount namespace.
/// </summary>
public sealed class PrivateRunNamespace : IDisposable
{
    private readonly Process _sleep;

    private PrivateRunNamespace(Process sleep) => _sleep = sleep;

    /// <summary>nsenter's arguments that enter the holder's mount and network namespaces.</summary>
    public string[] Enter => ["-t", _sleep.Id.ToString(CultureInfo.InvariantCulture), "-m", "-n"];

    /// <summary>The whole command prefix: nsenter -t PID -m -n.</summary>
    public string[] EnterCommand => ["nsenter", .. Enter];

    public static async Task<PrivateRunNamespace> CreateAsync(string ns)
    {
        // unshare execs sleep (no --fork), so the pid is the namespace's holder.
        var info = new ProcessStartInfo("ip") { UseShellExecute = false };
        foreach (var argument in new[] { "netns", "exec", ns, "unshare", "--mount", "--propagation", "private", "sleep", "900" })
        {
            info.ArgumentList.Add(argument);
        }

        var holder = new PrivateRunNamespace(Process.Start(info)!);
        try
        {
            await Waiting.UntilAsync(() => NamespaceProcesses.Read(holder._sleep.Id)?.Name == "sleep", TimeSpan.FromSeconds(10),
                "the mount namespace's holder to start", TimeProvider.System, TestContext.Current.CancellationToken);
            var mount = await new ProcessCommandRunner().RunAsync(CommandSpec.Of("nsenter", [.. holder.Enter, "mount", "-t", "tmpfs", "-o", "mode=0755", "causeway-test-run", "/run"]));
            mount.EnsureSuccess("mounting a private /run", CommandSpec.Of("nsenter", "mount"));
            return holder;
        }
        catch
        {
            holder.Dispose();
            throw;
        }
    }

    /// <summary>Bind-mounts <paramref name="source"/> over <paramref name="target"/> in the holder's mount namespace only.</summary>
    public async Task BindFileAsync(string source, string target)
    {
        var bind = await new ProcessCommandRunner().RunAsync(CommandSpec.Of("nsenter", [.. Enter, "mount", "--bind", source, target]));
        bind.EnsureSuccess($"bind-mounting {source} over {target}", CommandSpec.Of("nsenter", "mount"));
    }

    public void Dispose()
    {
        if (!_sleep.HasExited)
        {
            _sleep.Kill();
            _sleep.WaitForExit(10_000);
        }

        _sleep.Dispose();
    }
}
