using System.Text;
using Causeway.Core.Model;
using Causeway.Core.Planning;
using Causeway.Engine.Boot;
using Causeway.Engine.Daemon;
using Causeway.Engine.HostState;
using Causeway.Engine.Tests.Daemon;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Causeway.Engine.Tests.Boot;

/// <summary>
/// The saved kill switch through its life: `up` saves it when it converges (and again only when what it holds changes),
/// a reboot empties the host, `causeway boot` puts it back, the next `up` adopts it without removing anything, and
/// `down` removes it with the rest.
/// </summary>
public sealed class BootKillSwitchLifecycleTests
{
    private const string SavedPath = "/var/lib/loop/boot/kill-switch.json";

    [Fact]
    public async Task Up_saves_it_when_it_converges_and_again_only_when_the_overlay_changes_not_the_tunnel()
    {
        await using var harness = new DaemonHarness();
        await harness.StartAsync();
        Assert.Single(Saves(harness));

        await harness.ConnectAsync(generation: 1);
        await harness.RoundAsync();
        await harness.PublishAsync(harness.Tunnel.Current with { State = Causeway.Core.Tunnel.TunnelState.Reconnecting });
        Assert.Single(Saves(harness));
        Assert.DoesNotContain("10.8.0.2", harness.Files.ContentOf(SavedPath), StringComparison.Ordinal);

        harness.Overlay.Overlay = FakeOverlaySource.Facts(DaemonHarness.OverlayInterface, "10.222.0.1", "10.222.0.0/24", "10.223.0.0/24");
        await harness.RoundAsync();

        Assert.Equal(2, Saves(harness).Count);
        Assert.Contains("10.223.0.0/24", harness.Files.ContentOf(SavedPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_reboot_the_boot_step_puts_it_back_and_the_next_up_finds_nothing_to_change()
    {
        await using var harness = new DaemonHarness();
        await harness.StartAsync();
        await harness.ConnectAsync(generation: 1);
        var saved = harness.Files.ContentOf(SavedPath)!;

        // The reboot: nothing of Causeway's in the kernel, only the state directory on disk; another tool has turned
        // forwarding on, and zerotier-one has brought the overlay up before Causeway.
        var disk = new InMemoryFileSystem()
            .AddDirectory("/var/lib/loop", BootFixtures.Mode0700)
            .AddDirectory("/var/lib/loop/boot", BootFixtures.Mode0700)
            .AddFile(SavedPath, Encoding.UTF8.GetBytes(saved), BootFixtures.Mode0600);
        var host = new FakeNetworkHost(disk);
        disk.AddFile(SysctlNames.ToProcPath(SysctlNames.IpForward), "1\n");
        host.AddLink(DaemonHarness.OverlayInterface);

        var booted = await new BootStep(new BootKillSwitchStore(disk, "/var/lib/loop"), host).RunAsync(TestContext.Current.CancellationToken);

        var owned = harness.Owned;
        Assert.Contains(Planner.LeakRuleComment, host.NftRuleComments(owned.NftTable)!);
        Assert.Contains("-4 unreachable default metric 4294967295", host.RoutesOf(owned.RouteTable));
        Assert.Contains($"-4 priority {owned.CatchAllPriority} iif {DaemonHarness.OverlayInterface} lookup {owned.RouteTable}", host.Rules);

        // `up`'s first round, with the tunnel not yet up: what it would change on this host is nothing at all, so there
        // is no moment when neither layer holds (no removal, no table replaced).
        var observed = await new HostObserver(host, disk).ObserveAsync(owned, TestContext.Current.CancellationToken);
        var desired = Planner.Plan(Planner.Inputs(harness.Settings, harness.Overlay.Overlay, TunnelFacts.Down));
        var plan = HostDiff.Diff(desired, observed);

        Assert.True(plan.IsEmpty, string.Join("\n", plan.Changes));
        Assert.Equal(["nft -f -"], host.Ran.Where(l => l.StartsWith("nft ", StringComparison.Ordinal)).Take(1));
        Assert.False(booted.NothingSaved);
    }

    [Fact]
    public async Task Down_removes_it_so_that_the_next_boot_does_nothing()
    {
        var instance = new InstanceSettings("causeway", BootFixtures.StateDirectory, "/run/causeway", "causeway", 7270, 7270, TimeSpan.FromSeconds(2));
        var files = new InMemoryFileSystem();
        var store = BootKillSwitchStore.For(files, instance);
        store.Save(BootFixtures.Json);
        var commands = new ScriptedCommandRunner()
            .Answer("ip -N -json rule list", "[]")
            .Answer("ip -6 -N -json rule list", "[]")
            .Answer("ip -4 -json route show table 7270", string.Empty, 2, "Error: ipv4: FIB table does not exist.")
            .Answer("ip -6 -json route show table 7270", string.Empty, 2, "Error: ipv6: FIB table does not exist.")
            .Answer("nft -j list table inet causeway", string.Empty, 1, "Error: No such file or directory")
            .Answer("ip -json link show", "[]");
        var state = StateStore.For(files, instance);
        var teardown = new GatewayTeardown(new HostObserver(commands, files), new HostApplier(commands, files, state), state, files, NullLogger.Instance)
        {
            BootKillSwitch = store,
        };

        await teardown.RunAsync(instance, TestContext.Current.CancellationToken);

        Assert.False(files.Stat(BootFixtures.File).Exists);
        Assert.False(files.Stat(BootFixtures.StateDirectory).Exists);
        var next = await new BootStep(BootFixtures.Store(files), new ScriptedCommandRunner()).RunAsync(TestContext.Current.CancellationToken);
        Assert.True(next.NothingSaved);
    }

    private static List<FileSystemWrite> Saves(DaemonHarness harness) => [.. harness.Files.Writes.Where(w => w.Path == SavedPath)];
}
