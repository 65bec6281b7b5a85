using System.Net;
using System.Text.Json;
using Causeway.Lab.ZeroTier;
using Xunit;

namespace Causeway.Lab.Tests.ZeroTier;

/// <summary>
/// Every captured response of the real zerotier-one 1.14.1 against the stand-in's answer to the same request in
/// the same situation: status code, keys and their order, value kinds, nulls, arrays vs maps, and the values
/// themselves except those that depend on time, on the host or on kernel state.
/// </summary>
public sealed class StandInShapeTests
{
    private const string Nwid = ZeroTierStandInScenario.CapturedNetworkId;
    private const string Gateway = ZeroTierStandInScenario.CapturedGatewayAddress;
    private const string Device = ZeroTierStandInScenario.CapturedDeviceAddress;
    private const string DeviceIdentity = "e3e71b4b86:0:915e3533caa571faf1e1b293a73d6353e75dc672bb3b8a0e632898ca027f5945020ef6eaf889d3015bfaf6e329f3fafc9ae961baafa58644fcde0ec5a91e7d65";

    private const string CreateBody = """
        {"name":"zt-acceptance","private":true,"v4AssignMode":{"zt":true},
         "ipAssignmentPools":[{"ipRangeStart":"10.222.0.10","ipRangeEnd":"10.222.0.250"}],
         "routes":[{"target":"10.222.0.0/24","via":null}]}
        """;

    private const string DefaultRouteBody = """{"routes":[{"target":"10.222.0.0/24","via":null},{"target":"0.0.0.0/0","via":"10.222.0.1"}]}""";

    /// <summary>Values that differ between runs, hosts or kernels; their shape is still checked.</summary>
    private static readonly HashSet<string> Volatile =
    [
        "clock", "creationTime", "lastAuthorizedTime", "lastDeauthorizedTime", "lastReceive", "lastSend", "localSocket",
        "homeDir", "primaryPort", "multicastSubscriptions",
    ];

    /// <summary>The controller's own /status: another node than the member the stand-in plays.</summary>
    private static readonly HashSet<string> VolatileForAnotherNode = [.. Volatile, "address", "publicIdentity", "listeningOn", "surfaceAddresses"];

    public static TheoryData<string> Captures => [.. Recipes.Keys.Order(StringComparer.Ordinal)];

    private static readonly Dictionary<string, Func<CancellationToken, Task<StandInReply>>> Recipes = new()
    {
        // The gateway fa8d1d33a9 in the captured world.
        ["member_GET_status.json"] = _ => InWorld(ZeroTierStandInScenario.Captured(), OnlineStatusAsync),
        ["controller_GET_status.json"] = _ => InWorld(ZeroTierStandInScenario.Captured(), OnlineStatusAsync),
        ["member_GET_network.json"] = _ => InWorld(ZeroTierStandInScenario.Captured(), s => s.GetAsync("/network")),
        ["member_GET_network_nwid.json"] = _ => InWorld(ZeroTierStandInScenario.Captured(), s => s.GetAsync($"/network/{Nwid}")),
        ["member_GET_peer.json"] = _ => InWorld(ZeroTierStandInScenario.Captured(), s => s.GetAsync("/peer")),
        ["member_GET_peer_addr.json"] = _ => InWorld(ZeroTierStandInScenario.Captured(), s => s.GetAsync($"/peer/{Device}")),
        ["member_DELETE_network_leave.json"] = _ => InWorld(ZeroTierStandInScenario.Captured(), s => s.DeleteAsync($"/network/{Nwid}")),
        ["controller_GET_controller.json"] = _ => InWorld(ZeroTierStandInScenario.Captured(), s => s.GetAsync("/controller")),
        ["controller_GET_network_list.json"] = _ => InWorld(ZeroTierStandInScenario.Captured(), s => s.GetAsync("/controller/network")),
        ["controller_GET_network_nwid.json"] = _ => InWorld(ZeroTierStandInScenario.Captured(), s => s.GetAsync($"/controller/network/{Nwid}")),
        ["controller_GET_member_list.json"] = _ => InWorld(ZeroTierStandInScenario.Captured(), s => s.GetAsync($"/controller/network/{Nwid}/member")),
        ["controller_GET_member_gw.json"] = _ => InWorld(ZeroTierStandInScenario.Captured(), s => s.GetAsync($"/controller/network/{Nwid}/member/{Gateway}")),
        ["controller_GET_member_dev.json"] = _ => InWorld(ZeroTierStandInScenario.Captured(), s => s.GetAsync($"/controller/network/{Nwid}/member/{Device}")),

        // The gateway before it has joined.
        ["member_POST_network_join.json"] = _ => InWorld(NotJoined(), s => s.PostAsync($"/network/{Nwid}", "{}")),

        // The gateway before its authorization.
        ["controller_GET_member_before_auth.json"] = _ => InWorld(Unauthorized(Gateway, null), s => s.GetAsync($"/controller/network/{Nwid}/member/{Gateway}")),
        ["controller_POST_member_authorize_gw.json"] = _ => InWorld(Unauthorized(Gateway, null), s =>
            s.PostAsync($"/controller/network/{Nwid}/member/{Gateway}", """{"authorized":true,"ipAssignments":["10.222.0.1"]}""")),

        // The device e3e71b4b86 before its authorization (its address comes from the pool).
        ["controller_POST_member_authorize_dev_autoip.json"] = _ => InWorld(Unauthorized(Device, DeviceIdentity), s =>
            s.PostAsync($"/controller/network/{Nwid}/member/{Device}", """{"authorized":true}""")),

        // The device, authorized, once the controller has a default route via the gateway.
        ["member_dev_GET_peer.json"] = _ => InWorld(DeviceWorld(), s => s.GetAsync("/peer")),
        ["controller_GET_network_nwid_with_default_route.json"] = _ => InWorld(DeviceWorld(), async s =>
        {
            await s.PostAsync($"/controller/network/{Nwid}", DefaultRouteBody);
            return await s.GetAsync($"/controller/network/{Nwid}");
        }),
        ["member_POST_network_allowDefault.json"] = _ => InWorld(DeviceWorld(), async s =>
        {
            await WithDefaultRouteAsync(s);
            return await s.PostAsync($"/network/{Nwid}", """{"allowDefault":true}""");
        }),
        ["member_GET_network_nwid_allowDefault.json"] = _ => InWorld(DeviceWorld(), async s =>
        {
            await WithDefaultRouteAsync(s);
            await s.PostAsync($"/network/{Nwid}", """{"allowDefault":true}""");
            return await s.GetAsync($"/network/{Nwid}");
        }),
        ["member_GET_network_nwid_after_deauth.json"] = _ => InWorld(DeviceWorld(), async s =>
        {
            await WithDefaultRouteAsync(s);
            await s.PostAsync($"/network/{Nwid}", """{"allowDefault":true}""");
            await s.PostAsync($"/controller/network/{Nwid}/member/{Device}", """{"authorized":false}""");
            s.Time.Advance(TimeSpan.FromSeconds(28));
            return await s.GetAsync($"/network/{Nwid}");
        }),

        // A controller node creating the network.
        ["controller_POST_network_create.json"] = _ => InWorld(
            new ZeroTierStandInScenario { Node = new ZeroTierStandInNode { Address = "2f5042fc3b" } },
            s => s.PostAsync($"/controller/network/{Nwid}", CreateBody)),
    };

    [Fact]
    public void Every_capture_has_a_recipe()
    {
        var captures = Directory.GetFiles(CaptureDirectory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(captures, Recipes.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public async Task The_stand_in_answers_like_zerotier_one(string capture)
    {
        var reply = await Recipes[capture](TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(CaptureDirectory, capture)));
        using var actual = JsonDocument.Parse(reply.Body);
        var volatileKeys = capture == "controller_GET_status.json" ? VolatileForAnotherNode : Volatile;
        var differences = JsonShape.Differences(expected.RootElement, actual.RootElement, volatileKeys);
        Assert.True(differences.Count == 0, $"{capture}:\n{string.Join("\n", differences)}\nstand-in said: {reply.Body}");
    }

    private static string CaptureDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "zerotier-json");

    private static async Task<StandInReply> InWorld(ZeroTierStandInScenario scenario, Func<StandInScope, Task<StandInReply>> act)
    {
        await using var scope = await StandInScope.StartAsync(scenario);
        return await act(scope);
    }

    /// <summary>The status captures were taken once the nodes were online, which takes ~10 s after a start.</summary>
    private static Task<StandInReply> OnlineStatusAsync(StandInScope scope)
    {
        scope.Time.Advance(TimeSpan.FromSeconds(10));
        return scope.GetAsync("/status");
    }

    private static async Task WithDefaultRouteAsync(StandInScope scope)
    {
        await scope.PostAsync($"/controller/network/{Nwid}", DefaultRouteBody);
        scope.Time.Advance(TimeSpan.FromSeconds(1));
    }

    private static ZeroTierStandInScenario NotJoined()
    {
        var captured = ZeroTierStandInScenario.Captured();
        return captured with { Networks = [captured.Networks[0] with { Joined = false }] };
    }

    /// <summary>The captured network without <paramref name="node"/> among its members; the node has joined it.</summary>
    private static ZeroTierStandInScenario Unauthorized(string node, string? identity)
    {
        var captured = ZeroTierStandInScenario.Captured();
        return captured with
        {
            Node = captured.Node with { Address = node, Identity = identity ?? captured.Node.Identity },
            Networks = [captured.Networks[0] with { Members = [.. captured.Networks[0].Members.Where(m => m.Address != node)] }],
        };
    }

    /// <summary>The device's side: its address is auto-assigned from the pool when it starts (10.222.0.192).</summary>
    private static ZeroTierStandInScenario DeviceWorld()
    {
        var captured = ZeroTierStandInScenario.Captured();
        return captured with
        {
            Node = captured.Node with { Address = Device, Identity = DeviceIdentity },
            Networks =
            [
                captured.Networks[0] with
                {
                    Members =
                    [
                        new ZeroTierStandInMember { Address = Gateway, Authorized = true, IpAssignments = ["10.222.0.1"] },
                        new ZeroTierStandInMember { Address = Device, Authorized = true },
                    ],
                },
            ],
            Peers =
            [
                new ZeroTierStandInPeer { Address = "2f5042fc3b", Role = "PLANET", Latency = 16, Paths = ["10.199.0.1/9993"] },
                new ZeroTierStandInPeer { Address = Gateway, Role = "LEAF", Latency = 2, Paths = ["10.199.0.2/9993"] },
            ],
        };
    }
}
