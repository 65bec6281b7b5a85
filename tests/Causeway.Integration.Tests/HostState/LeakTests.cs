using Causeway.Core.Planning;
using Xunit;

namespace Causeway.Integration.Tests.HostState;

/// <summary>
/// Fail closed, measured: with the tunnel down, a client's packets to the internet must not come out of the
/// gateway's uplink. Each layer is tested alone (the other removed), so that either one holds by itself; the
/// control without both proves that the probe in the internet namespace does see a leak.
/// </summary>
public sealed class LeakTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<bool, KillSwitchLayer, EgressState> Cases()
    {
        var cases = new TheoryData<bool, KillSwitchLayer, EgressState>();
        foreach (var ipv6 in new[] { false, true })
        {
            foreach (var layer in Enum.GetValues<KillSwitchLayer>())
            {
                cases.Add(ipv6, layer, EgressState.Absent);
            }

            cases.Add(ipv6, KillSwitchLayer.RoutingOnly, EgressState.Down);
            cases.Add(ipv6, KillSwitchLayer.NftOnly, EgressState.Down);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Client_traffic_does_not_leave_through_the_uplink_while_the_tunnel_is_down(bool ipv6, KillSwitchLayer layer, EgressState egress)
    {
        await using var scope = NetnsScope.Create();
        using var world = await GatewayWorld.CreateAsync(scope, egress);
        await world.ConvergeAsync(GatewayWorld.Disconnected);
        Assert.True((await world.PlanAsync(GatewayWorld.Disconnected)).IsEmpty);

        // Forwarding is on (Causeway turned it on, and IPv6 forwarding was on before): only the layers stand between.
        Assert.Equal("1\n", await world.GatewayAsync("sysctl", "-n", "net.ipv4.ip_forward"));
        Assert.Equal("1\n", await world.GatewayAsync("sysctl", "-n", "net.ipv6.conf.all.forwarding"));

        if (layer is KillSwitchLayer.NftOnly or KillSwitchLayer.Neither)
        {
            await RemoveRoutingLayerAsync(world);
        }

        if (layer is KillSwitchLayer.RoutingOnly or KillSwitchLayer.Neither)
        {
            await world.GatewayAsync("nft", "delete", "table", "inet", "causeway");
        }

        var target = ipv6 ? GatewayWorld.Echo6 : GatewayWorld.Echo4;

        // Probe until the event that makes the outcome meaningful: for the control, a leak; otherwise, probes
        // counted on arrival at the gateway (so "nothing leaked" cannot mean "nothing was sent"). ping waits
        // for each reply up to -W, so every probe has crossed, or been dropped by, the gateway when it returns.
        for (var round = 0; round < 10; round++)
        {
            await scope.TryExecAsync(world.Client, "ping", ipv6 ? "-6" : "-4", "-c", "3", "-i", "0.2", "-W", "1", target);
            var done = layer == KillSwitchLayer.Neither ? await world.LeakedAsync(ipv6) >= 1 : await world.ArrivedAsync(ipv6) >= 3;
            if (done)
            {
                break;
            }
        }

        if (layer == KillSwitchLayer.Neither)
        {
            Assert.True(await world.LeakedAsync(ipv6) >= 1, "the control leaked nothing: the probe cannot see leaks");
            return;
        }

        Assert.True(await world.ArrivedAsync(ipv6) >= 3, "the probes never reached the gateway");
        Assert.Equal(0, await world.LeakedAsync(ipv6));
        if (layer == KillSwitchLayer.NftOnly)
        {
            // Layer b did the dropping: its counter for client traffic went up.
            var table = (await world.Observer.ObserveAsync(world.Owned, Ct)).NftTable!;
            var dropped = table.FindRule(ipv6 ? "drop-client-ipv6" : "drop-client-other")!.Counter!.Packets;
            Assert.True(dropped >= 1, "the nft leak counter did not count the dropped probes");
        }
    }

    public static TheoryData<KillSwitchLayer, string> HostSourceCases()
    {
        var cases = new TheoryData<KillSwitchLayer, string>();
        foreach (var source in new[] { "10.8.0.6", "10.222.0.1" })
        {
            foreach (var layer in Enum.GetValues<KillSwitchLayer>())
            {
                cases.Add(layer, source);
            }
        }

        return cases;
    }

    /// <summary>
    /// Issue 7: the host's own stack answering from its tunnel address (a reset, a port unreachable, an echo reply
    /// for something that came through the tunnel) was routed by the main table out of the uplink. Each layer alone
    /// keeps what the host sends from its tunnel or overlay address off the uplink; the control shows the probe sees it.
    /// </summary>
    [Theory]
    [MemberData(nameof(HostSourceCases))]
    public async Task What_the_host_sends_from_a_tunnel_or_client_address_does_not_leave_through_the_uplink(KillSwitchLayer layer, string source)
    {
        await using var scope = NetnsScope.Create();
        using var world = await GatewayWorld.CreateAsync(scope, EgressState.Up);
        await world.GatewayAsync("ip", "addr", "add", "10.8.0.6/24", "dev", GatewayWorld.Tun);
        await world.ConvergeAsync(GatewayWorld.Connected);
        Assert.True((await world.PlanAsync(GatewayWorld.Connected)).IsEmpty);

        if (layer is KillSwitchLayer.NftOnly or KillSwitchLayer.Neither)
        {
            await RemoveRoutingLayerAsync(world);
        }

        if (layer is KillSwitchLayer.RoutingOnly or KillSwitchLayer.Neither)
        {
            await world.GatewayAsync("nft", "delete", "table", "inet", "causeway");
        }

        for (var round = 0; round < 10; round++)
        {
            await scope.TryExecAsync(world.Gateway, "ping", "-4", "-c", "3", "-i", "0.2", "-W", "1", "-I", source, GatewayWorld.Echo4);
            if (layer != KillSwitchLayer.Neither || await world.LeakedAsync(ipv6: false) >= 1)
            {
                break;
            }
        }

        if (layer == KillSwitchLayer.Neither)
        {
            Assert.True(await world.LeakedAsync(ipv6: false) >= 1, "the control leaked nothing: the probe cannot see leaks");
            return;
        }

        Assert.Equal(0, await world.LeakedAsync(ipv6: false));
        if (layer == KillSwitchLayer.NftOnly)
        {
            // The uplink guard did the dropping, after source NAT: its counter went up.
            var table = (await world.Observer.ObserveAsync(world.Owned, Ct)).NftTable!;
            Assert.True(table.FindRule("drop-client-source-outside")!.Counter!.Packets >= 3, "the uplink guard did not count the host's packets");
        }
    }

    /// <summary>Layer a: the rules at Causeway's priorities and the routes of its table.</summary>
    private static async Task RemoveRoutingLayerAsync(GatewayWorld world)
    {
        var observed = await world.Observer.ObserveAsync(world.Owned, Ct);
        var routing = HostDiff.Teardown(world.Owned, observed, [])
            .Changes.Where(c => c.Subject is HostObjectKind.Rule or HostObjectKind.Route)
            .ToList();
        Assert.NotEmpty(routing);
        var plan = new HostPlan(HostPlanPurpose.Converge, world.Owned, [.. routing], []);
        await world.Applier.ApplyAsync(plan, Ct);
        Assert.DoesNotContain("7271", await world.GatewayAsync("ip", "rule", "list"), StringComparison.Ordinal);
        Assert.DoesNotContain("7271", await world.GatewayAsync("ip", "-6", "rule", "list"), StringComparison.Ordinal);
    }
}
