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
    private static readonly string[] Nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];

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
}
