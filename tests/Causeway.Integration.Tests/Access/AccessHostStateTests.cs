using Causeway.Core.Planning;
using Causeway.Integration.Tests.HostState;
using Xunit;

namespace Causeway.Integration.Tests.Access;

/// <summary>
/// The planner's Duo state applied to a real host: the access devices are client interfaces, closed by both layers
/// like the overlay; access clients and overlay members reach each other; access clients reach each other only
/// with client_to_client; the host's own traffic and the replies it sends (the servers' own) use its uplink.
/// </summary>
public sealed class AccessHostStateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Converges_with_the_access_devices_and_then_plans_nothing()
    {
        await using var scope = NetnsScope.Create();
        using var world = await DuoHostWorld.CreateAsync(scope, EgressState.Up);

        await world.ConvergeAsync(DuoHostWorld.Connected);

        Assert.True((await world.PlanAsync(DuoHostWorld.Connected)).IsEmpty, string.Join('\n', (await world.PlanAsync(DuoHostWorld.Connected)).Changes));
        var routes = await world.HostAsync("ip", "route", "show", "table", "7270");
        Assert.Contains("10.9.0.0/25 dev tuncw-udp", routes, StringComparison.Ordinal);
        Assert.Contains("10.9.0.128/25 dev tuncw-tcp", routes, StringComparison.Ordinal);
        Assert.Contains("unreachable 10.9.0.0/24", routes, StringComparison.Ordinal);
        var rules = await world.HostAsync("ip", "rule", "list");
        Assert.Contains("iif tuncw-udp lookup 7270", rules, StringComparison.Ordinal);
        Assert.Contains("iif tuncw-tcp lookup 7270", rules, StringComparison.Ordinal);
        Assert.Equal(world.Desired(DuoHostWorld.Connected).Nft.Comment, (await world.Observer.ObserveAsync(world.Owned, Ct)).NftTable!.Comment);
    }

    [Fact]
    public async Task Access_traffic_to_the_internet_goes_to_the_egress_or_nowhere()
    {
        await using var scope = NetnsScope.Create();
        using var world = await DuoHostWorld.CreateAsync(scope, EgressState.Up);

        await world.ConvergeAsync(DuoHostWorld.Connected);
        var up = await world.HostAsync("ip", "route", "get", DuoHostWorld.Echo, "from", DuoHostWorld.TcpPhone, "iif", "tuncw-tcp");
        await world.ConvergeAsync(DuoHostWorld.Disconnected);
        var down = await scope.TryExecAsync(world.Host, "ip", "route", "get", DuoHostWorld.Echo, "from", DuoHostWorld.UdpPhone, "iif", "tuncw-udp");

        Assert.Contains("dev tuncw0 table 7270", up, StringComparison.Ordinal);
        Assert.False(down.Succeeded);
        Assert.Contains("No route to host", down.StandardError, StringComparison.Ordinal);
    }

    public static TheoryData<KillSwitchLayer> Layers() => [KillSwitchLayer.Both, KillSwitchLayer.RoutingOnly, KillSwitchLayer.NftOnly, KillSwitchLayer.Neither];

    [Theory]
    [MemberData(nameof(Layers))]
    public async Task Phones_traffic_does_not_leave_through_the_uplink_while_the_tunnel_is_down(KillSwitchLayer layer)
    {
        await using var scope = NetnsScope.Create();
        using var world = await DuoHostWorld.CreateAsync(scope, EgressState.Absent);
        await world.ConvergeAsync(DuoHostWorld.Disconnected);
        Assert.Equal("1\n", await world.HostAsync("sysctl", "-n", "net.ipv4.ip_forward"));

        if (layer is KillSwitchLayer.NftOnly or KillSwitchLayer.Neither)
        {
            var observed = await world.Observer.ObserveAsync(world.Owned, Ct);
            var routing = HostDiff.Teardown(world.Owned, observed, []).Changes.Where(c => c.Subject is HostObjectKind.Rule or HostObjectKind.Route);
            await world.Applier.ApplyAsync(new HostPlan(HostPlanPurpose.Converge, world.Owned, [.. routing], []), Ct);
        }

        if (layer is KillSwitchLayer.RoutingOnly or KillSwitchLayer.Neither)
        {
            await world.HostAsync("nft", "delete", "table", "inet", world.Owned.NftTable);
        }

        for (var round = 0; round < 10; round++)
        {
            await world.PingsAsync(world.UdpPhoneNs, DuoHostWorld.Echo);
            await world.PingsAsync(world.TcpPhoneNs, DuoHostWorld.Echo);
            if (layer == KillSwitchLayer.Neither ? await world.LeakedAsync("to-echo") >= 1 : await world.ArrivedAsync() >= 6)
            {
                break;
            }
        }

        if (layer == KillSwitchLayer.Neither)
        {
            Assert.True(await world.LeakedAsync("to-echo") >= 1, "the control leaked nothing: the probe cannot see leaks");
            return;
        }

        Assert.True(await world.ArrivedAsync() >= 6, "the probes never reached the host");
        Assert.Equal(0, await world.LeakedAsync("to-echo"));
        Assert.Equal(0, await world.LeakedAsync("from-pool"));
        if (layer == KillSwitchLayer.NftOnly)
        {
            Assert.True(await world.CausewayCounterAsync(Planner.LeakRuleComment) >= 6, "the nft leak counter did not count the phones' probes");
        }
    }

    [Fact]
    public async Task Phones_and_overlay_members_reach_each_other()
    {
        await using var scope = NetnsScope.Create();
        using var world = await DuoHostWorld.CreateAsync(scope, EgressState.Absent);
        await world.ConvergeAsync(DuoHostWorld.Disconnected);

        Assert.True(await world.PingsAsync(world.UdpPhoneNs, DuoHostWorld.Laptop), "UDP phone -> laptop");
        Assert.True(await world.PingsAsync(world.TcpPhoneNs, DuoHostWorld.Laptop), "TCP phone -> laptop");
        Assert.True(await world.PingsAsync(world.LaptopNs, DuoHostWorld.UdpPhone), "laptop -> UDP phone");
        Assert.True(await world.PingsAsync(world.LaptopNs, DuoHostWorld.TcpPhone), "laptop -> TCP phone");
        Assert.Equal(0, await world.LeakedAsync("from-pool"));
    }

    [Fact]
    public async Task Phones_reach_the_overlay_with_the_hosts_overlay_address()
    {
        await using var scope = NetnsScope.Create();
        using var world = await DuoHostWorld.CreateAsync(scope, EgressState.Absent);
        await world.ConvergeAsync(DuoHostWorld.Disconnected);
        var seen = CommandSpecOf(world.LaptopNs, """
            table inet seen {
                chain in {
                    type filter hook input priority filter; policy accept;
                    icmp type echo-request ip saddr 10.222.0.1 counter comment "from-host"
                    icmp type echo-request ip saddr 10.9.0.0/24 counter comment "from-pool"
                }
            }
            """);
        (await scope.Runner.RunAsync(seen, Ct)).EnsureSuccess("test setup", seen);

        Assert.True(await world.PingsAsync(world.UdpPhoneNs, DuoHostWorld.Laptop));

        var table = Core.Nft.NftJsonParser.Parse(await world.ExecAsync(world.LaptopNs, "nft", "-j", "list", "table", "inet", "seen")).FindTable("inet", "seen")!;
        Assert.True(table.FindRule("from-host")!.Counter!.Packets >= 1);
        Assert.Equal(0, table.FindRule("from-pool")!.Counter!.Packets);
    }

    [Fact]
    public async Task Without_allow_overlay_phones_and_overlay_members_do_not_reach_each_other()
    {
        await using var scope = NetnsScope.Create();
        using var world = await DuoHostWorld.CreateAsync(scope, EgressState.Absent, "allow_overlay = false");
        await world.ConvergeAsync(DuoHostWorld.Disconnected);

        Assert.False(await world.PingsAsync(world.UdpPhoneNs, DuoHostWorld.Laptop));
        Assert.False(await world.PingsAsync(world.LaptopNs, DuoHostWorld.TcpPhone));
        Assert.True(await world.CausewayCounterAsync(Planner.LeakRuleComment) >= 1);
    }

    [Fact]
    public async Task Phones_reach_each_other_only_with_client_to_client()
    {
        await using var scope = NetnsScope.Create();
        using var closed = await DuoHostWorld.CreateAsync(scope, EgressState.Absent);
        await closed.ConvergeAsync(DuoHostWorld.Disconnected);

        Assert.False(await closed.PingsAsync(closed.UdpPhoneNs, DuoHostWorld.TcpPhone));
        Assert.True(await closed.CausewayCounterAsync(Planner.LeakRuleComment) >= 1);

        await using var scope2 = NetnsScope.Create();
        using var open = await DuoHostWorld.CreateAsync(scope2, EgressState.Absent, "client_to_client = true");
        await open.ConvergeAsync(DuoHostWorld.Disconnected);

        Assert.True(await open.PingsAsync(open.UdpPhoneNs, DuoHostWorld.TcpPhone));
    }

    [Fact]
    public async Task The_hosts_own_traffic_and_its_replies_use_the_uplink_while_the_tunnel_is_the_access_default()
    {
        await using var scope = NetnsScope.Create();
        using var world = await DuoHostWorld.CreateAsync(scope, EgressState.Up);
        var mainBefore = await world.HostAsync("ip", "route", "show", "table", "main");

        await world.ConvergeAsync(DuoHostWorld.Connected);

        // A phone's OpenVPN packets arrive on the uplink and the server answers them from this host: what a reply
        // to the internet namespace does here. The rules match by incoming interface, so neither is caught.
        Assert.True(await world.PingsAsync(world.Internet, "192.0.2.2"), "the host's replies did not come back by its uplink");
        Assert.True(await world.PingsAsync(world.Host, DuoHostWorld.Echo), "the host's own traffic did not leave by its uplink");
        Assert.Equal(mainBefore, await world.HostAsync("ip", "route", "show", "table", "main"));
        Assert.Contains("dev up0", await world.HostAsync("ip", "route", "get", DuoHostWorld.Echo), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_servers_device_gone_its_pool_is_unreachable_not_sent_to_the_egress()
    {
        await using var scope = NetnsScope.Create();
        using var world = await DuoHostWorld.CreateAsync(scope, EgressState.Up);
        await world.ConvergeAsync(DuoHostWorld.Connected);

        await world.HostAsync("ip", "link", "delete", "tuncw-tcp");
        await world.ConvergeAsync(DuoHostWorld.Connected);

        Assert.True((await world.PlanAsync(DuoHostWorld.Connected)).IsEmpty);
        var gone = await scope.TryExecAsync(world.Host, "ip", "route", "get", DuoHostWorld.TcpPhone, "from", DuoHostWorld.Laptop, "iif", DuoHostWorld.Overlay);
        var there = await world.HostAsync("ip", "route", "get", DuoHostWorld.UdpPhone, "from", DuoHostWorld.Laptop, "iif", DuoHostWorld.Overlay);
        Assert.False(gone.Succeeded, gone.StandardOutput);
        Assert.Contains("No route to host", gone.StandardError, StringComparison.Ordinal);
        Assert.Contains("dev tuncw-udp table 7270", there, StringComparison.Ordinal);
    }

    private static Causeway.Engine.Seams.CommandSpec CommandSpecOf(string ns, string ruleset) =>
        Causeway.Engine.Seams.CommandSpec.Of("ip", "netns", "exec", ns, "nft", "-f", "-").WithInput(ruleset);
}
