using Causeway.Core.Management;
using Causeway.Core.Tunnel;
using Causeway.Engine.OpenVpn;
using Xunit;

namespace Causeway.Engine.Tests.OpenVpn;

/// <summary>
/// The supervisor in server mode (an access server): no hold, no byte counts, no prober; CONNECTED once initialised;
/// and the management session it holds (OpenVPN takes one at a time) carries the daemon's own commands.
/// </summary>
public sealed class ServerModeSupervisorTests
{
    private const string StatusBlockEnd = "END";

    [Fact]
    public async Task A_server_is_up_from_its_state_history_after_state_on_all_alone()
    {
        await using var harness = new SupervisorHarness(OpenVpnMode.Server);

        var status = await harness.StartAndConnectAsync();

        Assert.Equal(["state on all"], harness.Server.CommandLog);
        Assert.Equal("SUCCESS", status.Detail);
        Assert.Equal("10.9.0.1", status.LocalAddress?.ToString());
        Assert.Equal(1, status.ConnectionGeneration);
        Assert.False(harness.Probe.Calls.TryRead(out _), "a server was probed");
        var process = Assert.Single(harness.Launcher.Started);
        Assert.Equal(["--config", SupervisorHarness.ConfigPath], process.Spec.Arguments);
        Assert.True(process.Spec.DieWithParent);
        Assert.True(process.Spec.OwnSession, "a hang-up of the daemon's terminal would restart the server and drop its clients");
    }

    [Fact]
    public async Task A_server_still_initialising_is_up_at_its_connected_state_and_never_probed()
    {
        await using var harness = new SupervisorHarness(OpenVpnMode.Server);
        harness.Server.Reply = command => command == "state on all"
            ? ["SUCCESS: real-time state notification set to ON", "1795607950,CONNECTING,,,,,,", "END"]
            : FakeManagementServer.DefaultReply(command);
        await harness.Supervisor.StartAsync(TestContext.Current.CancellationToken);
        await harness.WaitForAsync(s => s.State == TunnelState.Connecting, "CONNECTING");

        await harness.Server.SendAsync(">STATE:1795607951,ASSIGN_IP,,10.9.0.1,,,,", ">STATE:1795607951,CONNECTED,SUCCESS,10.9.0.1,,,,");

        await harness.WaitForAsync(s => s.State == TunnelState.Connected, "CONNECTED");
        // CONNECTED in server mode logs that the server listens instead of starting the prober (the client's branch):
        // that line, not a sleep, proves no prober was started.
        await WaitAsync(() => harness.Log.Lines.Any(l => l.Contains(" is up: listening", StringComparison.Ordinal)), "the server's up line");
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(harness.Probe.Calls.TryRead(out _), "a server was probed");
        Assert.DoesNotContain(harness.Log.Lines, l => l.StartsWith("Information: tunnel connected", StringComparison.Ordinal));
        Assert.DoesNotContain("hold release", harness.Server.CommandLog);
    }

    [Fact]
    public async Task Commands_go_through_the_supervisors_own_session()
    {
        await using var harness = new SupervisorHarness(OpenVpnMode.Server);
        harness.ServerReply = command => command == "status 3"
            ? ["TITLE\tOpenVPN 2.6.14", "TIME\t2026-11-25 12:00:00\t1795608000", StatusBlockEnd]
            : FakeManagementServer.DefaultReply(command);
        await harness.StartAndConnectAsync();

        var reply = await harness.Supervisor.SendCommandAsync("status 3", TestContext.Current.CancellationToken);

        Assert.Equal(["TITLE\tOpenVPN 2.6.14", "TIME\t2026-11-25 12:00:00\t1795608000"], reply.Lines);
        Assert.Equal(1, harness.Server.Connections);
        Assert.Equal(["state on all", "status 3"], harness.Server.CommandLog);
    }

    [Fact]
    public async Task An_error_reply_is_an_error_naming_the_command()
    {
        await using var harness = new SupervisorHarness(OpenVpnMode.Server);
        harness.ServerReply = _ => ["ERROR: client-kill command failed"];
        await harness.StartAndConnectAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => harness.Supervisor.SendCommandAsync("client-kill 9 HALT", TestContext.Current.CancellationToken));

        Assert.Contains("client-kill 9 HALT", error.Message, StringComparison.Ordinal);
        Assert.Contains("client-kill command failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_running_server_a_command_says_so()
    {
        await using var harness = new SupervisorHarness(OpenVpnMode.Server);
        await harness.Server.DisposeAsync();
        harness.Launcher.OnStart = process => process.Exit(1);
        await harness.Supervisor.StartAsync(TestContext.Current.CancellationToken);
        await harness.WaitForAsync(s => s.State == TunnelState.BackingOff, "backing off");

        var error = await Assert.ThrowsAsync<IOException>(
            () => harness.Supervisor.SendCommandAsync("status 3", TestContext.Current.CancellationToken));

        Assert.Contains("test Server is not running (BackingOff", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_notices_are_passed_on_with_their_environment()
    {
        await using var harness = new SupervisorHarness(OpenVpnMode.Server);
        await harness.StartAndConnectAsync();

        await harness.Server.SendAsync(
            ">CLIENT:ESTABLISHED,7",
            ">CLIENT:ENV,common_name=phone",
            ">CLIENT:ENV,trusted_ip=10.200.1.2",
            ">CLIENT:ENV,ifconfig_pool_remote_ip=10.9.0.2",
            ">CLIENT:ENV,END");

        await WaitAsync(() => !harness.ClientEvents.IsEmpty, "the ESTABLISHED notice");
        var notice = Assert.Single(harness.ClientEvents);
        Assert.Equal(ClientEventKind.Established, notice.Kind);
        Assert.Equal(7, notice.ClientId);
        Assert.Equal("phone", notice.CommonName);
    }

    [Fact]
    public async Task A_server_that_exits_is_restarted_and_its_session_comes_back()
    {
        await using var harness = new SupervisorHarness(OpenVpnMode.Server);
        await harness.StartAndConnectAsync();

        harness.Crash(1);
        var backingOff = await harness.WaitForAsync(s => s.State == TunnelState.BackingOff, "backing off");
        await Assert.ThrowsAsync<IOException>(() => harness.Supervisor.SendCommandAsync("pid", TestContext.Current.CancellationToken));
        harness.Time.Advance(OpenVpnSupervisor.InitialBackoff);
        var again = await harness.WaitForAsync(s => s.State == TunnelState.Connected && s.ProcessStarts == 2, "connected again");

        Assert.Equal("openvpn exited with code 1", backingOff.LastError);
        Assert.Equal(2, again.ConnectionGeneration);
        Assert.Equal("SUCCESS: pid=4242", (await harness.Supervisor.SendCommandAsync("pid", TestContext.Current.CancellationToken)).ToString());
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
