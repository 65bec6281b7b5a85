using Causeway.Core.Host;
using Causeway.Engine.Instance;
using Causeway.Engine.Seams;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// README: `causeway status` needs no root. The real case is the default one: a daemon with the default run
/// directory (/run/causeway) and a user typing `causeway status` without -c. To use /run/causeway without touching
/// the host's, the daemon and the user run in a mount namespace of their own with a fresh tmpfs on /run.
/// </summary>
[Collection(LabGatewayCollection.Name)]
public sealed class StatusAsUserTests(LabGatewayFixture gateway)
{
    private const string DefaultConfig = "/etc/causeway/causeway.toml";
    private static readonly string[] NobodyAlone = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];

    /// <summary>nobody, in the causeway group when this host has one (then the status socket is that group's).</summary>
    private static readonly string[] Nobody = HostCausewayGroup() is { } gid
        ? ["setpriv", "--reuid=65534", "--regid=65534", $"--groups={gid}"]
        : NobodyAlone;

    [Fact]
    public async Task Status_works_for_nobody_with_the_default_run_directory()
    {
        gateway.EnsureReady();
        if (File.Exists(DefaultConfig))
        {
            Assert.Skip($"this machine has {DefaultConfig}: `causeway status` without -c would read it");
        }

        await gateway.ResetAsync();
        using var holder = await PrivateRunNamespace.CreateAsync(gateway.Sbc);
        try
        {
            // The lab's config without its run_dir: the default, /run/causeway (here on the private tmpfs).
            var config = Path.Combine(gateway.GatewayDirectory, "causeway-default-run.toml");
            var lines = File.ReadAllLines(gateway.ConfigPath).Where(l => !l.StartsWith("run_dir", StringComparison.Ordinal));
            File.WriteAllLines(config, lines);
            var up = gateway.Track(UpProcess.StartInOwnGroup("nsenter", [.. holder.Enter, gateway.Binary, "up", "-c", config]));
            await gateway.WaitReadyAsync(up, [.. holder.EnterCommand, gateway.Binary, "status", "--json"]);

            var asNobody = await gateway.StatusAsync([.. holder.EnterCommand, .. Nobody, gateway.Binary, "status", "--json"]);
            Assert.True(asNobody.Status is not null, $"status --json as nobody: {asNobody.Error}");
            Assert.Equal(up.Pid, asNobody.Status.Pid);
            Assert.True(asNobody.Status.Tunnel.Connected);

            var table = await new ProcessCommandRunner().RunAsync(new CommandSpec("nsenter", [.. holder.Enter, .. Nobody, gateway.Binary, "status"], Timeout: TimeSpan.FromSeconds(20)), TestContext.Current.CancellationToken);
            Assert.True(table.ExitCode == 0, $"status as nobody: exit {table.ExitCode}: {table.StandardError}");
            Assert.Contains($"pid {up.Pid}", table.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("Connected", table.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            await gateway.ResetAsync();
        }
    }

    /// <summary>
    /// The Service issue: with a `causeway` group (here in a private /etc/group: the host's is left alone) the status
    /// socket is 0660 and that group's; a member reads the status, anyone else is told how to become one.
    /// </summary>
    [Fact]
    public async Task With_a_causeway_group_the_status_socket_is_the_groups_and_others_are_told_how_to_join()
    {
        gateway.EnsureReady();
        if (File.Exists(DefaultConfig))
        {
            Assert.Skip($"this machine has {DefaultConfig}: `causeway status` without -c would read it");
        }

        await gateway.ResetAsync();
        using var holder = await PrivateRunNamespace.CreateAsync(gateway.Sbc);
        var groups = Path.Combine(gateway.GatewayDirectory, "etc-group-with-causeway");
        try
        {
            var hostGroups = await File.ReadAllTextAsync(SystemGroups.Path, TestContext.Current.CancellationToken);
            var gid = SystemGroups.IdOf(hostGroups, DaemonSockets.StatusGroup) ?? FreeGroupId(hostGroups);
            await File.WriteAllTextAsync(groups, hostGroups.TrimEnd('\n') + $"\n{DaemonSockets.StatusGroup}:x:{gid}:\n", TestContext.Current.CancellationToken);
            await holder.BindFileAsync(groups, SystemGroups.Path);
            var config = Path.Combine(gateway.GatewayDirectory, "causeway-default-run.toml");
            File.WriteAllLines(config, File.ReadAllLines(gateway.ConfigPath).Where(l => !l.StartsWith("run_dir", StringComparison.Ordinal)));
            var up = gateway.Track(UpProcess.StartInOwnGroup("nsenter", [.. holder.Enter, gateway.Binary, "up", "-c", config]));
            await gateway.WaitReadyAsync(up, [.. holder.EnterCommand, gateway.Binary, "status", "--json"]);

            var socket = await new ProcessCommandRunner().RunAsync(new CommandSpec("nsenter", [.. holder.Enter, "stat", "-c", "%a %g", "/run/causeway/causeway.sock"]), TestContext.Current.CancellationToken);
            var member = await gateway.StatusAsync([.. holder.EnterCommand, "setpriv", "--reuid=65534", "--regid=65534", $"--groups={gid}", gateway.Binary, "status", "--json"]);
            var outsider = await new ProcessCommandRunner().RunAsync(new CommandSpec("nsenter", [.. holder.Enter, .. NobodyAlone, gateway.Binary, "status"], Timeout: TimeSpan.FromSeconds(20)), TestContext.Current.CancellationToken);

            Assert.Equal($"660 {gid}", socket.StandardOutput.Trim());
            Assert.True(member.Status is not null, $"status --json as nobody in the group: {member.Error}");
            Assert.Equal(up.Pid, member.Status.Pid);
            Assert.True(outsider.ExitCode == 1, $"status as nobody outside the group: exit {outsider.ExitCode}: {outsider.StandardOutput}{outsider.StandardError}");
            Assert.Contains("permission denied", outsider.StandardError, StringComparison.Ordinal);
            Assert.Contains("sudo adduser $USER causeway", outsider.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            await gateway.ResetAsync();
            File.Delete(groups);
        }
    }

    private static int? HostCausewayGroup() =>
        File.Exists(SystemGroups.Path) ? SystemGroups.IdOf(File.ReadAllText(SystemGroups.Path), DaemonSockets.StatusGroup) : null;

    private static int FreeGroupId(string etcGroup) =>
        Enumerable.Range(64000, 1000).First(gid => !etcGroup.Split('\n').Any(line => line.Split(':') is [_, _, var id, ..] && id == gid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
