using System.Net;
using Causeway.Core.Hops;
using Causeway.Core.Model;
using Causeway.Engine.Seams;
using Causeway.Engine.ZeroTier;
using Causeway.Lab.ZeroTier;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Engine.Tests.ZeroTier;

/// <summary>
/// ZeroTier's path to an overlay gateway: its MAC from `ip -json neigh show` (captured output), its node from the MAC,
/// its paths from the local API (the stand-in, or captured answers).
/// </summary>
public sealed class ZeroTierPeerPathSourceTests
{
    private const string Device = "zt2nvuuqiv";
    private const string Neighbour = "ip -json neigh show dev zt2nvuuqiv to 10.222.0.5";
    private static readonly IPAddress Gateway = IPAddress.Parse("10.222.0.5");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_gateways_mac_names_the_dev_member_which_zerotier_reaches_directly()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());
        var commands = new ScriptedCommandRunner().Answer(Neighbour, Ip("neigh-reachable.json"));
        using var source = new ZeroTierPeerPathSource(Network(scope.Home), commands, new LinuxFileSystem());

        Assert.Equal(PeerPath.Direct, await source.FindAsync(Device, Gateway, Cancel));
        Assert.Equal([Neighbour], commands.Ran);
    }

    [Fact]
    public async Task A_leaf_without_a_direct_path_is_relayed_and_the_peer_asked_for_is_the_one_the_mac_names()
    {
        var home = "/var/lib/zerotier-one";
        var files = new InMemoryFileSystem().AddFile($"{home}/authtoken.secret", "token");
        var relayed = ZeroTierCaptures.Read("member_GET_peer_addr.json").Replace("\"active\": true", "\"active\": false", StringComparison.Ordinal)
            .Replace("\"expired\": false", "\"expired\": true", StringComparison.Ordinal);
        var api = StubHandler.Answering(HttpStatusCode.OK, relayed);
        var commands = new ScriptedCommandRunner().Answer(Neighbour, Ip("neigh-reachable.json"));
        using var source = new ZeroTierPeerPathSource(Network(home), commands, files, api);

        Assert.Equal(PeerPath.Relayed, await source.FindAsync(Device, Gateway, Cancel));
        Assert.Equal("/peer/e3e71b4b86", Assert.Single(api.Requests).RequestUri?.AbsolutePath);
    }

    [Theory]
    [InlineData("neigh-none.json")] // no entry: nothing sent to it lately
    [InlineData("neigh-dev.json")] // 10.222.0.9 INCOMPLETE only: never answered
    public async Task Without_the_gateways_mac_the_path_is_unknown_and_zerotier_is_not_asked(string neighbours)
    {
        var api = StubHandler.Answering(HttpStatusCode.OK, "{}");
        var commands = new ScriptedCommandRunner().Answer("ip -json neigh show dev zt2nvuuqiv to 10.222.0.9", Ip(neighbours));
        using var source = new ZeroTierPeerPathSource(Network("/var/lib/zerotier-one"), commands, new InMemoryFileSystem(), api);

        Assert.Equal(PeerPath.None, await source.FindAsync(Device, IPAddress.Parse("10.222.0.9"), Cancel));
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_mac_that_is_not_zerotiers_on_the_network_names_no_node()
    {
        var api = StubHandler.Answering(HttpStatusCode.OK, "{}");
        var commands = new ScriptedCommandRunner().Answer(Neighbour, """[{"dst":"10.222.0.5","lladdr":"52:54:00:12:34:56","state":["REACHABLE"]}]""");
        using var source = new ZeroTierPeerPathSource(Network("/var/lib/zerotier-one"), commands, new InMemoryFileSystem(), api);

        Assert.Equal(PeerPath.None, await source.FindAsync(Device, Gateway, Cancel));
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_node_zerotier_does_not_know_is_no_path()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());
        var stranger = ZeroTierMacText("0123456789");
        var commands = new ScriptedCommandRunner().Answer(Neighbour, $$"""[{"dst":"10.222.0.5","lladdr":"{{stranger}}","state":["STALE"]}]""");
        using var source = new ZeroTierPeerPathSource(Network(scope.Home), commands, new LinuxFileSystem());

        Assert.Equal(PeerPath.None, await source.FindAsync(Device, Gateway, Cancel));
    }

    [Fact]
    public async Task Ip_failing_says_what_was_being_read()
    {
        var commands = new ScriptedCommandRunner().Answer(Neighbour, exitCode: 1, standardError: "Cannot find device \"zt2nvuuqiv\"");
        using var source = new ZeroTierPeerPathSource(Network("/var/lib/zerotier-one"), commands, new InMemoryFileSystem());

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => source.FindAsync(Device, Gateway, Cancel));

        Assert.StartsWith("reading the MAC of 10.222.0.5 on zt2nvuuqiv (to find its ZeroTier node): `ip` exited with 1: Cannot find device", error.Message, StringComparison.Ordinal);
    }

    private static ZeroTierOverlaySource Network(string home) =>
        new(ZeroTierStandInScenario.CapturedNetworkId, home, null, ZeroTierOverlaySource.DefaultConfigurationWait);

    private static string ZeroTierMacText(string node) =>
        Core.ZeroTier.ZeroTierMac.Format(Core.ZeroTier.ZeroTierMac.Derive(node, ZeroTierStandInScenario.CapturedNetworkId));

    private static string Ip(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ip", name));
}
