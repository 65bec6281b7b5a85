using Causeway.Core.Model;
using Causeway.Core.Planning;
using Causeway.Engine.HostState;
using Causeway.Lab.Machine;
using Xunit;

namespace Causeway.Integration.Tests.HostState;

/// <summary>observe → diff → apply against a real namespace: convergence, drift repair, teardown.</summary>
public sealed class HostLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_converges_and_a_second_plan_is_empty()
    {
        await using var scope = NetnsScope.Create();
        using var world = await GatewayWorld.CreateAsync(scope, EgressState.Up);

        var first = await world.PlanAsync(GatewayWorld.Connected);
        Assert.False(first.IsEmpty);
        Assert.Contains("fwmark 0x1 lookup 300", Assert.Single(first.Conflicts), StringComparison.Ordinal);

        TestContext.Current.TestOutputHelper?.WriteLine(PlanFormatter.Format(first));
        await world.Applier.ApplyAsync(first, Ct);
        var second = await world.PlanAsync(GatewayWorld.Connected);

        Assert.True(second.IsEmpty, PlanFormatter.Format(second));
        Assert.Single(second.Conflicts);

        // What the kernel holds now, read with the tools directly.
        var desired = world.Desired(GatewayWorld.Connected);
        Assert.Contains($"comment \"{desired.Nft.Comment}\"", await world.GatewayAsync("nft", "list", "table", "inet", "causeway"), StringComparison.Ordinal);
        Assert.Contains("default dev tuncw0", await world.GatewayAsync("ip", "route", "show", "table", "7270"), StringComparison.Ordinal);
        Assert.Contains("unreachable default", await world.GatewayAsync("ip", "-6", "route", "show", "table", "7270"), StringComparison.Ordinal);
        Assert.Contains("7271:\tfrom all iif zt0 lookup 7270", await world.GatewayAsync("ip", "-6", "rule", "list"), StringComparison.Ordinal);
        Assert.Equal("net.ipv4.ip_forward = 1\nnet.ipv4.conf.tuncw0.rp_filter = 2\n", await world.GatewayAsync("sysctl", "net.ipv4.ip_forward", "net.ipv4.conf.tuncw0.rp_filter"));

        // The state file has what `down` needs, with the values from before.
        var state = world.Store.Load();
        Assert.Equal(world.Owned, state.Owned);
        Assert.Equal(
            [new RecordedSysctl("net.ipv4.conf.tuncw0.rp_filter", "0", "2"), new RecordedSysctl("net.ipv4.ip_forward", "0", "1")],
            state.Sysctls);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(world.Store.Path));

        // The nft table went in as one `nft -f -`, before forwarding was switched on.
        var commands = world.Runner.Commands.Select(c => c.ToString()).ToList();
        Assert.Single(commands, c => c == "nft -f -");
    }

    [Fact]
    public async Task Tunnel_down_removes_only_its_route_and_up_again_adds_it_back()
    {
        await using var scope = NetnsScope.Create();
        using var world = await GatewayWorld.CreateAsync(scope, EgressState.Up);
        await world.ConvergeAsync(GatewayWorld.Connected);

        var down = await world.PlanAsync(GatewayWorld.Disconnected);
        Assert.Equal(["- ip route IPv4 table 7270: default dev tuncw0 scope link metric 100"], down.Changes.Select(c => c.ToString()));
        await world.Applier.ApplyAsync(down, Ct);
        Assert.True((await world.PlanAsync(GatewayWorld.Disconnected)).IsEmpty);

        var up = await world.PlanAsync(GatewayWorld.Connected);
        Assert.Equal(["+ ip route IPv4 table 7270: default dev tuncw0 metric 100"], up.Changes.Select(c => c.ToString()));
    }

    [Fact]
    public async Task Drift_shows_exactly_what_was_changed_and_apply_repairs_it()
    {
        await using var scope = NetnsScope.Create();
        using var world = await GatewayWorld.CreateAsync(scope, EgressState.Up);
        await world.ConvergeAsync(GatewayWorld.Connected);

        await world.GatewayAsync("ip", "rule", "del", "priority", "7271", "iif", "zt0", "lookup", "7270");
        await world.GatewayAsync("ip", "-6", "route", "del", "unreachable", "default", "metric", "4294967295", "table", "7270");
        await world.GatewayAsync("nft", "flush", "chain", "inet", "causeway", "forward");
        await world.GatewayAsync("sysctl", "-qw", "net.ipv4.ip_forward=0");

        var drift = await world.PlanAsync(GatewayWorld.Connected);

        Assert.Equal(
            [
                "~ nft table inet causeway: rule drop-client-ipv6 is missing from chain forward",
                "+ ip route IPv6 table 7270: unreachable default metric 4294967295",
                "+ ip rule IPv4 prio 7271 from all iif zt0 lookup 7270",
                "~ sysctl net.ipv4.ip_forward: 0 -> 1",
            ],
            drift.Changes.Select(c => c.ToString()));
        Assert.Equal(8, drift.Changes[0].Details.Length);

        await world.Applier.ApplyAsync(drift, Ct);
        Assert.True((await world.PlanAsync(GatewayWorld.Connected)).IsEmpty);

        // One rule deleted by handle is drift too, and only that.
        var listing = await world.GatewayAsync("nft", "-a", "list", "chain", "inet", "causeway", "dns");
        var handle = listing.Split('\n').Single(l => l.Contains("dnat-dns-tcp", StringComparison.Ordinal)).Split("# handle ")[1].Trim();
        await world.GatewayAsync("nft", "delete", "rule", "inet", "causeway", "dns", "handle", handle);

        var single = await world.PlanAsync(GatewayWorld.Connected);
        Assert.Equal(["~ nft table inet causeway: rule dnat-dns-tcp is missing from chain dns"], single.Changes.Select(c => c.ToString()));
        await world.Applier.ApplyAsync(single, Ct);
        Assert.True((await world.PlanAsync(GatewayWorld.Connected)).IsEmpty);
    }

    [Fact]
    public async Task A_foreign_rule_added_to_our_table_is_drift()
    {
        await using var scope = NetnsScope.Create();
        using var world = await GatewayWorld.CreateAsync(scope, EgressState.Up);
        await world.ConvergeAsync(GatewayWorld.Connected);

        await world.GatewayAsync("nft", "add", "rule", "inet", "causeway", "forward", "accept");

        var drift = await world.PlanAsync(GatewayWorld.Connected);
        var change = Assert.Single(drift.Changes);
        Assert.StartsWith("nft table inet causeway: chain forward has a rule without a comment", change.Description, StringComparison.Ordinal);
        await world.Applier.ApplyAsync(drift, Ct);
        Assert.True((await world.PlanAsync(GatewayWorld.Connected)).IsEmpty);
    }

    [Fact]
    public async Task Teardown_returns_the_host_to_its_snapshot_and_leaves_foreign_objects()
    {
        await using var scope = NetnsScope.Create();
        using var world = await GatewayWorld.CreateAsync(scope, EgressState.Up);
        var before = await HostSnapshot.CaptureAsync(world.Runner, Ct);

        await world.ConvergeAsync(GatewayWorld.Connected);
        var during = await HostSnapshot.CaptureAsync(world.Runner, Ct);
        Assert.False(before.IsSameAs(during));
        Assert.Contains(before.DifferencesTo(during), d => d.StartsWith("+ [nft ruleset] table inet causeway {", StringComparison.Ordinal));
        Assert.Contains("+ [sysctl] net.ipv4.ip_forward=1", before.DifferencesTo(during));

        var teardown = await world.TeardownPlanAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(PlanFormatter.Format(teardown));
        TestContext.Current.TestOutputHelper?.WriteLine(HostSnapshot.Diff(before, during));
        Assert.Equal(HostChangeKind.Change, teardown.Changes[0].Kind);
        Assert.Equal("sysctl net.ipv4.ip_forward: 1 -> 0 (restore)", teardown.Changes[0].Description);
        Assert.Equal(HostObjectKind.NftTable, teardown.Changes[^1].Subject);
        await world.Applier.ApplyAsync(teardown, Ct);

        var after = await HostSnapshot.CaptureAsync(world.Runner, Ct);
        Assert.True(before.IsSameAs(after), HostSnapshot.Diff(before, after));
        Assert.False(File.Exists(world.Store.Path));
        Assert.True((await world.TeardownPlanAsync()).IsEmpty);

        // The foreign objects, checked by name as well.
        Assert.Contains("comment \"theirs\"", await world.GatewayAsync("nft", "list", "table", "inet", "foreign"), StringComparison.Ordinal);
        var rules = await world.GatewayAsync("ip", "rule", "list");
        Assert.Contains("100:\tfrom 10.99.0.0/16 lookup 200", rules, StringComparison.Ordinal);
        Assert.Contains("7270:\tfrom all fwmark 0x1 lookup 300", rules, StringComparison.Ordinal);
        Assert.DoesNotContain("7271", rules, StringComparison.Ordinal);
        Assert.Contains("blackhole 10.99.0.0/16", await world.GatewayAsync("ip", "route", "show", "table", "200"), StringComparison.Ordinal);
        Assert.Equal("1\n", await world.GatewayAsync("sysctl", "-n", "net.ipv4.conf.all.rp_filter"));
        Assert.Equal("1\n", await world.GatewayAsync("sysctl", "-n", "net.ipv6.conf.all.forwarding"));
    }

    [Fact]
    public async Task Teardown_after_a_config_change_uses_the_recorded_names()
    {
        await using var scope = NetnsScope.Create();
        using var world = await GatewayWorld.CreateAsync(scope, EgressState.Up);
        var before = await HostSnapshot.CaptureAsync(world.Runner, Ct);
        await world.ConvergeAsync(GatewayWorld.Connected);

        // `down` with a config that names other objects: the state file still knows the applied ones.
        var state = world.Store.Load();
        Assert.NotNull(state.Owned);
        var renamed = new OwnedNames("other", "elsewhere", 9000, 9000);
        var observed = await world.Observer.ObserveAsync(state.Owned ?? renamed, state.Sysctls.Select(s => s.Name), Ct);
        await world.Applier.ApplyAsync(HostDiff.Teardown(state.Owned ?? renamed, observed, state.Sysctls), Ct);

        var after = await HostSnapshot.CaptureAsync(world.Runner, Ct);
        Assert.True(before.IsSameAs(after), HostSnapshot.Diff(before, after));
    }

    [Fact]
    public async Task Teardown_leaves_forwarding_on_when_someone_else_turned_it_on_before()
    {
        await using var scope = NetnsScope.Create();
        using var world = await GatewayWorld.CreateAsync(scope, EgressState.Absent);
        await world.GatewayAsync("sysctl", "-qw", "net.ipv4.ip_forward=1");
        var before = await HostSnapshot.CaptureAsync(world.Runner, Ct);

        await world.ConvergeAsync(TunnelFacts.Down);
        Assert.Empty(world.Store.Load().Sysctls);
        await world.Applier.ApplyAsync(await world.TeardownPlanAsync(), Ct);

        var after = await HostSnapshot.CaptureAsync(world.Runner, Ct);
        Assert.True(before.IsSameAs(after), HostSnapshot.Diff(before, after));
    }

    [Fact]
    public async Task Conntrack_flush_deletes_client_flows_and_is_quiet_when_there_are_none()
    {
        await using var scope = NetnsScope.Create();
        using var world = await GatewayWorld.CreateAsync(scope, EgressState.Up);
        await world.ConvergeAsync(GatewayWorld.Connected);
        await world.ExecAsync(world.Client, "ping", "-c", "1", "-W", "2", "10.222.0.1");
        Assert.Contains("10.222.0.192", await world.GatewayAsync("conntrack", "-L", "-s", "10.222.0.0/24"), StringComparison.Ordinal);

        var flusher = new ConntrackFlusher(world.Runner);
        var deleted = await flusher.FlushAsync(world.Settings.Overlay.Source is InterfaceOverlaySource source ? source.Subnets : [], Ct);

        Assert.True(deleted >= 1);
        Assert.DoesNotContain("10.222.0.192", await world.GatewayAsync("conntrack", "-L", "-s", "10.222.0.0/24"), StringComparison.Ordinal);
        Assert.Equal(0, await flusher.FlushAsync(GatewayWorld.OverlayFacts.Subnets, Ct));
    }
}
