using System.Text.Json;
using Causeway.Lab.Json;
using Xunit;

namespace Causeway.Lab.Tests;

/// <summary>`lab down` removes every namespace and process a world made, and `lab up` refuses a second world.</summary>
public sealed class LabDownTests
{
    [RootFact]
    public async Task Down_leaves_no_namespace_and_no_process()
    {
        var lab = new LabCli();
        IReadOnlyList<int> pids = [];
        try
        {
            var up = await lab.RunAsync(TimeSpan.FromMinutes(3), LabCli.UpArguments());
            Assert.True(up.Succeeded, LabCli.Describe(up));
            var state = JsonSerializer.Deserialize(await File.ReadAllTextAsync(Path.Combine(lab.WorldDirectory, "lab.json"), TestContext.Current.CancellationToken), LabJsonContext.Default.LabState)!;
            pids = [.. state.Processes.Select(p => p.Pid)];
            Assert.Equal(4, (await lab.NamespacesAsync()).Count);
            Assert.Contains(state.Processes, p => p.Name == "gateway");
            Assert.All(pids, pid => Assert.True(IsAlive(pid), $"pid {pid} should run while the world is up"));

            var again = await lab.RunAsync(TimeSpan.FromMinutes(1), LabCli.UpArguments());
            Assert.False(again.Succeeded);
            Assert.Contains("already up", again.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            var down = await lab.DownAsync();
            Assert.True(down.Succeeded, LabCli.Describe(down));
        }

        Assert.Empty(await lab.NamespacesAsync());
        Assert.All(pids, pid => Assert.False(IsAlive(pid), $"pid {pid} survived lab down"));
        Assert.False(Directory.Exists(lab.WorldDirectory), $"{lab.WorldDirectory} survived lab down");
    }

    [RootFact]
    public async Task Failed_up_takes_down_everything_it_had_made()
    {
        var lab = new LabCli();
        try
        {
            // A "gateway" that exits at once: everything else is built first, then has to be taken down again.
            var up = await lab.RunAsync(TimeSpan.FromMinutes(3), "up", "uno", "--gateway-binary", "/bin/false");

            Assert.False(up.Succeeded, LabCli.Describe(up));
            Assert.Contains("gateway", up.StandardError, StringComparison.Ordinal);
            Assert.Empty(await lab.NamespacesAsync());
            Assert.False(Directory.Exists(lab.WorldDirectory), $"{lab.WorldDirectory} survived a failed lab up");
        }
        finally
        {
            await lab.DownAsync();
        }
    }

    [RootFact]
    public async Task Duo_down_leaves_no_namespace_and_no_process_and_spares_another_world()
    {
        var lab = new LabCli("duo");
        IReadOnlyList<int> pids = [];
        try
        {
            var up = await lab.RunAsync(TimeSpan.FromMinutes(5), LabCli.UpArgumentsFor("duo"));
            Assert.True(up.Succeeded, LabCli.Describe(up));
            var state = JsonSerializer.Deserialize(await File.ReadAllTextAsync(Path.Combine(lab.WorldDirectory, "lab.json"), TestContext.Current.CancellationToken), LabJsonContext.Default.LabState)!;
            pids = [.. state.Processes.Select(p => p.Pid)];
            Assert.Equal(8, (await lab.NamespacesAsync()).Count);
            Assert.Contains(state.Processes, p => p.Name == "gateway");
            Assert.Contains(state.Processes, p => p.Name == "phone-cafe-openvpn");
            Assert.Contains(state.Processes, p => p.Name == "phone-open-openvpn");
            Assert.All(pids, pid => Assert.True(IsAlive(pid), $"pid {pid} should run while the world is up"));

            // Uno with the same prefix would share inet, prov and laptop: refused, and its `down` leaves Duo's alone.
            var uno = await lab.RunAsync(TimeSpan.FromMinutes(1), LabCli.UpArguments());
            Assert.False(uno.Succeeded, LabCli.Describe(uno));
            Assert.Contains("belong to world duo", uno.StandardError, StringComparison.Ordinal);
            var unoDown = await lab.RunAsync(TimeSpan.FromMinutes(1), "down", "uno");
            Assert.True(unoDown.Succeeded, LabCli.Describe(unoDown));
            Assert.Equal(8, (await lab.NamespacesAsync()).Count);
            Assert.All(pids, pid => Assert.True(IsAlive(pid), $"pid {pid} should survive `lab down uno`"));
        }
        finally
        {
            var down = await lab.DownAsync();
            Assert.True(down.Succeeded, LabCli.Describe(down));
        }

        Assert.Empty(await lab.NamespacesAsync());
        Assert.All(pids, pid => Assert.False(IsAlive(pid), $"pid {pid} survived lab down"));
        Assert.False(Directory.Exists(lab.WorldDirectory), $"{lab.WorldDirectory} survived lab down");
    }

    /// <summary>Not a zombie: init reaps killed processes a couple of seconds late here.</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
