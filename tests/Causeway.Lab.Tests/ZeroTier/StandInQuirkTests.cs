using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Causeway.Core.ZeroTier;
using Causeway.Lab.ZeroTier;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Lab.Tests.ZeroTier;

/// <summary>The behaviour of the real daemon that the JSON alone does not show (tests/Causeway.Core.Tests/Fixtures/zerotier-json/README.md).</summary>
public sealed partial class StandInQuirkTests
{
    private const string Nwid = ZeroTierStandInScenario.CapturedNetworkId;
    private const string Gateway = ZeroTierStandInScenario.CapturedGatewayAddress;
    private const string Device = ZeroTierStandInScenario.CapturedDeviceAddress;

    private static ZeroTierNetwork Network(StandInReply reply) =>
        JsonSerializer.Deserialize(reply.Body, ZeroTierJsonContext.Default.ZeroTierNetwork)!;

    private static ZeroTierStandInScenario NotJoined()
    {
        var captured = ZeroTierStandInScenario.Captured();
        return captured with { Networks = [captured.Networks[0] with { Joined = false }] };
    }

    [Fact]
    public async Task A_join_answers_REQUESTING_CONFIGURATION_and_the_configuration_comes_seconds_later()
    {
        await using var scope = await StandInScope.StartAsync(NotJoined());

        var joined = Network(await scope.PostAsync($"/network/{Nwid}", "{}"));
        Assert.Equal("REQUESTING_CONFIGURATION", joined.Status);
        Assert.Empty(joined.AssignedAddresses);
        Assert.Equal("zt2nvuuqiv", joined.PortDeviceName);

        scope.Time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal("REQUESTING_CONFIGURATION", Network(await scope.GetAsync($"/network/{Nwid}")).Status);

        scope.Time.Advance(TimeSpan.FromMilliseconds(1));
        var configured = Network(await scope.GetAsync($"/network/{Nwid}"));
        Assert.Equal("OK", configured.Status);
        Assert.Equal(["10.222.0.1/24"], configured.AssignedAddresses);
        Assert.Equal("zt-acceptance", configured.Name);
    }

    [Fact]
    public async Task After_an_authorization_the_addresses_come_with_the_next_configuration_request()
    {
        var captured = ZeroTierStandInScenario.Captured();
        var scenario = captured with
        {
            Node = captured.Node with { Address = Device },
            Networks = [captured.Networks[0] with { Members = [captured.Networks[0].Members[0]] }],
        };
        await using var scope = await StandInScope.StartAsync(scenario);
        Assert.Equal("ACCESS_DENIED", Network(await scope.GetAsync($"/network/{Nwid}")).Status);

        await scope.PostAsync($"/controller/network/{Nwid}/member/{Device}", """{"authorized":true}""");
        Assert.Equal("ACCESS_DENIED", Network(await scope.GetAsync($"/network/{Nwid}")).Status);

        scope.Time.Advance(TimeSpan.FromMilliseconds(500));
        var pushed = Network(await scope.GetAsync($"/network/{Nwid}"));
        Assert.Equal("OK", pushed.Status);
        Assert.Empty(pushed.AssignedAddresses);

        scope.Time.Advance(TimeSpan.FromMilliseconds(2500));
        var requested = Network(await scope.GetAsync($"/network/{Nwid}"));
        Assert.Equal("OK", requested.Status);

        // The controller's pool algorithm: start + (address mod range) = 10.222.0.10 + 0xe71b4b86 % 240.
        Assert.Equal(["10.222.0.192/24"], requested.AssignedAddresses);
        var member = JsonSerializer.Deserialize(
            (await scope.GetAsync($"/controller/network/{Nwid}/member/{Device}")).Body,
            ZeroTierLabJsonContext.Default.ZeroTierControllerMember)!;
        Assert.Equal(["10.222.0.192"], member.IpAssignments);
    }

    [Fact]
    public async Task A_deauthorized_member_stays_OK_for_about_28_seconds_then_ACCESS_DENIED_keeping_its_address()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());

        await scope.PostAsync($"/controller/network/{Nwid}/member/{Gateway}", """{"authorized":false}""");
        scope.Time.Advance(TimeSpan.FromSeconds(27.9));
        Assert.Equal("OK", Network(await scope.GetAsync($"/network/{Nwid}")).Status);

        scope.Time.Advance(TimeSpan.FromSeconds(0.1));
        var denied = Network(await scope.GetAsync($"/network/{Nwid}"));
        Assert.Equal("ACCESS_DENIED", denied.Status);
        Assert.Equal(["10.222.0.1/24"], denied.AssignedAddresses);
    }

    [Fact]
    public async Task Not_found_things_answer_as_the_daemon_does()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());

        Assert.Equal(new StandInReply(HttpStatusCode.OK, "{}"), await scope.GetAsync("/peer/0123456789"));
        Assert.Equal(new StandInReply(HttpStatusCode.NotFound, "{}"), await scope.GetAsync("/network/8bd5124fd6f4d0a1"));
        Assert.Equal(new StandInReply(HttpStatusCode.NotFound, ""), await scope.GetAsync("/nonsense"));
        Assert.Equal(new StandInReply(HttpStatusCode.NotFound, ""), await scope.GetAsync("/network/not-an-id"));
        Assert.Equal(new StandInReply(HttpStatusCode.NotFound, ""), await scope.DeleteAsync("/status"));
        Assert.Equal(new StandInReply(HttpStatusCode.NotFound, ""), await scope.GetAsync("/controller/network/8bd5124fd6f4d0a1"));
        Assert.Equal(new StandInReply(HttpStatusCode.NotFound, ""), await scope.PostAsync("/controller/network/8bd5124fd6f4d0a1/member/0123456789", "{}"));
    }

    [Fact]
    public async Task A_bad_or_missing_token_is_401_with_an_empty_object_even_for_unknown_paths()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());

        Assert.Equal(new StandInReply(HttpStatusCode.Unauthorized, "{}"), await scope.GetAsync("/status", token: "wrongtoken"));
        Assert.Equal(new StandInReply(HttpStatusCode.Unauthorized, "{}"), await scope.GetAsync("/status", token: null));
        Assert.Equal(new StandInReply(HttpStatusCode.Unauthorized, "{}"), await scope.GetAsync("/nonsense", token: null));
        Assert.Equal(HttpStatusCode.OK, (await scope.GetAsync("/health", token: null)).Status);
    }

    [Fact]
    public async Task The_token_is_accepted_in_the_header_the_query_or_as_a_bearer_token_and_the_header_wins()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());
        var token = scope.StandIn.AuthToken;

        Assert.Equal(HttpStatusCode.OK, (await scope.GetAsync("/status")).Status);
        Assert.Equal(HttpStatusCode.OK, (await scope.GetAsync($"/status?auth={token}", token: null)).Status);
        Assert.Equal(HttpStatusCode.OK, (await scope.SendAsync(HttpMethod.Get, "/status", null, token: null,
            r => r.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scope.SendAsync(HttpMethod.Get, "/status", null, token: null,
            r => r.Headers.TryAddWithoutValidation("Authorization", $"token {token}"))).Status);

        // The daemon looks at X-ZT1-Auth alone when it is present.
        Assert.Equal(HttpStatusCode.Unauthorized, (await scope.GetAsync($"/status?auth={token}", token: "wrongtoken")).Status);
    }

    [Fact]
    public async Task Online_is_false_for_the_first_ten_seconds()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());

        Assert.Contains("\"online\":false", (await scope.GetAsync("/status")).Body, StringComparison.Ordinal);
        Assert.Contains("\"online\":false", (await scope.GetAsync("/health", token: null)).Body, StringComparison.Ordinal);

        scope.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Contains("\"online\":true", (await scope.GetAsync("/status")).Body, StringComparison.Ordinal);
        Assert.Contains("\"online\":true", (await scope.GetAsync("/health", token: null)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_network_the_controller_does_not_know_gets_its_derived_interface_name_then_NOT_FOUND()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());

        var joined = Network(await scope.PostAsync("/network/8bd5124fd6f4d0a1", "{}"));
        Assert.Equal("ztyqb6nh3x", joined.PortDeviceName);

        scope.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("NOT_FOUND", Network(await scope.GetAsync("/network/8bd5124fd6f4d0a1")).Status);
    }

    [Fact]
    public async Task Local_settings_take_booleans_only_and_allowDefault_keeps_the_managed_default_route()
    {
        var lab = ZeroTierStandInScenario.LabUnoGateway();
        await using var scope = await StandInScope.StartAsync(lab);

        var ignored = Network(await scope.PostAsync($"/network/{Nwid}", """{"allowDefault":"true","allowGlobal":1}"""));
        Assert.False(ignored.AllowDefault);
        Assert.False(ignored.AllowGlobal);

        var garbage = await scope.PostAsync($"/network/{Nwid}", "not json");
        Assert.Equal(HttpStatusCode.OK, garbage.Status);

        var set = Network(await scope.PostAsync($"/network/{Nwid}", """{"allowDefault":true}"""));
        Assert.True(set.AllowDefault);
        Assert.Contains(new ZeroTierNetworkRoute(0, 0, "0.0.0.0/0", "10.222.0.1"), set.Routes);
        Assert.Equal(["10.222.0.1/24", "fdcc:ca5e::1/64"], set.AssignedAddresses);
    }

    [Fact]
    public async Task Leaving_twice_answers_a_result_then_an_empty_object()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());

        Assert.Equal(new StandInReply(HttpStatusCode.OK, """{"result":true}"""), await scope.DeleteAsync($"/network/{Nwid}"));
        Assert.Equal(new StandInReply(HttpStatusCode.OK, "{}"), await scope.DeleteAsync($"/network/{Nwid}"));
        Assert.Equal("[]", (await scope.GetAsync("/network")).Body);
    }

    [Fact]
    public async Task The_controller_answers_in_its_own_formats()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());

        Assert.Matches(ControllerInfo(), (await scope.GetAsync("/controller")).Body);

        using var members = JsonDocument.Parse((await scope.GetAsync($"/controller/network/{Nwid}/member")).Body);
        Assert.Equal(JsonValueKind.Object, members.RootElement.ValueKind);

        var bad = await scope.PostAsync($"/controller/network/{Nwid}", "{not json");
        Assert.Equal(HttpStatusCode.InternalServerError, bad.Status);
        Assert.StartsWith("{\"error\": 500, \"description\": ", bad.Body, StringComparison.Ordinal);

        var created = JsonSerializer.Deserialize((await scope.PostAsync("/controller/network", "{}")).Body, ZeroTierLabJsonContext.Default.ZeroTierControllerNetwork)!;
        Assert.StartsWith(Gateway, created.Id, StringComparison.Ordinal);
        Assert.Equal(16, created.Id.Length);
        Assert.Equal(1, created.Revision);
        Assert.Equal(HttpStatusCode.BadRequest, (await scope.PostAsync("/controller/network/0123456789______", "{}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await scope.PostAsync($"/controller/network/{Gateway}______", "{}")).Status);
    }

    [Fact]
    public async Task The_home_directory_gets_a_root_only_token_and_the_port_and_a_restart_keeps_the_token()
    {
        using var home = new TempDirectory();
        var options = new ZeroTierStandInOptions { Port = 0, HomeDirectory = home.Path, Scenario = ZeroTierStandInScenario.Captured() };
        string firstToken;
        await using (var standIn = await ZeroTierStandInHost.StartAsync(options, TestContext.Current.CancellationToken))
        {
            firstToken = standIn.AuthToken;
            Assert.Matches("^[a-z0-9]{24}$", File.ReadAllText(home.File("authtoken.secret")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, new LinuxFileSystem().Stat(home.File("authtoken.secret")).Mode);
            Assert.Equal(standIn.Port.ToString(), File.ReadAllText(home.File("zerotier-one.port")));
        }

        await using var restarted = await ZeroTierStandInHost.StartAsync(options, TestContext.Current.CancellationToken);
        Assert.Equal(firstToken, restarted.AuthToken);
    }

    [Fact]
    public async Task A_scenario_file_with_an_unknown_key_is_refused_with_its_position()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File("scenario.json"), "{\n  \"node\": { \"adress\": \"fa8d1d33a9\" }\n}\n");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ZeroTierStandInHost.StartAsync(
            new ZeroTierStandInOptions { Port = 0, HomeDirectory = home.Path, ScenarioPath = home.File("scenario.json") }, TestContext.Current.CancellationToken));

        Assert.Contains($"{home.File("scenario.json")}:2:", error.Message, StringComparison.Ordinal);
        Assert.Contains("adress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_is_a_clear_error()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());
        using var home = new TempDirectory();

        var error = await Assert.ThrowsAsync<IOException>(() => ZeroTierStandInHost.StartAsync(
            new ZeroTierStandInOptions { Port = scope.StandIn.Port, HomeDirectory = home.Path }, TestContext.Current.CancellationToken));

        Assert.Contains($"starting the ZeroTier stand-in on 127.0.0.1:{scope.StandIn.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("is zerotier-one or another stand-in running there?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_serves_until_cancelled()
    {
        using var home = new TempDirectory();
        using var stop = new CancellationTokenSource();
        var run = ZeroTierStandInHost.RunAsync(
            new ZeroTierStandInOptions { Port = 0, HomeDirectory = home.Path, Scenario = ZeroTierStandInScenario.Captured() },
            stop.Token);

        // The port file is written once it listens.
        using var watcher = new FileSystemWatcher(home.Path, "zerotier-one.port");
        var written = new TaskCompletionSource();
        watcher.Created += (_, _) => written.TrySetResult();
        watcher.Renamed += (_, _) => written.TrySetResult();
        watcher.EnableRaisingEvents = true;
        if (!File.Exists(home.File("zerotier-one.port")))
        {
            await written.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }

        using var client = new Causeway.Engine.ZeroTier.ZeroTierLocalClient(new LinuxFileSystem(), home.Path);
        Assert.Equal(Gateway, (await client.GetStatusAsync(TestContext.Current.CancellationToken)).Address);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(run.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_restart_refuses_connections_empties_the_port_file_then_answers_404_for_a_joined_network_for_a_moment()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());
        var port = scope.StandIn.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var before = (await scope.GetAsync($"/network/{Nwid}")).Body;

        await scope.StandIn.StopListeningAsync(TestContext.Current.CancellationToken);
        await AssertRefusedAsync(scope);
        Assert.Equal(port, scope.PortFile);

        scope.StandIn.EmptyPortFile();
        Assert.Equal(string.Empty, scope.PortFile);

        await scope.StandIn.StartListeningAsync(TestContext.Current.CancellationToken);
        Assert.Equal(port, scope.PortFile);
        Assert.Equal(HttpStatusCode.OK, (await scope.GetAsync("/status")).Status);
        Assert.Equal(new StandInReply(HttpStatusCode.NotFound, "{}"), await scope.GetAsync($"/network/{Nwid}"));
        Assert.Equal("[]", (await scope.GetAsync("/network")).Body);

        scope.Time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Equal(new StandInReply(HttpStatusCode.NotFound, "{}"), await scope.GetAsync($"/network/{Nwid}"));

        scope.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(new StandInReply(HttpStatusCode.OK, before), await scope.GetAsync($"/network/{Nwid}"));
        Assert.Contains("\"online\":false", (await scope.GetAsync("/status")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stand_in_started_before_zerotier_one_listens_refuses_connections_with_last_runs_port_file()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured(), listenAtStart: false);

        Assert.False(scope.StandIn.IsListening);
        Assert.Equal(scope.StandIn.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), scope.PortFile);
        await AssertRefusedAsync(scope);

        await scope.StandIn.StartListeningAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await scope.GetAsync("/status")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scope.GetAsync($"/network/{Nwid}")).Status);
        scope.Time.Advance(ZeroTierStandInTimings.Default.RejoinDelay);
        Assert.Equal("OK", Network(await scope.GetAsync($"/network/{Nwid}")).Status);
    }

    private static async Task AssertRefusedAsync(StandInScope scope)
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => scope.GetAsync("/status"));
        Assert.Equal(System.Net.Sockets.SocketError.ConnectionRefused, Assert.IsType<System.Net.Sockets.SocketException>(error.InnerException).SocketErrorCode);
    }

    [GeneratedRegex("^\\{\n\t\"controller\": true,\n\t\"apiVersion\": 4,\n\t\"clock\": [0-9]+,\n\t\"databaseReady\": true\n\\}\n$")]
    private static partial Regex ControllerInfo();
}
