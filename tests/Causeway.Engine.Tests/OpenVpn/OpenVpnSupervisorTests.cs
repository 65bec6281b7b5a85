using System.Net;
using Causeway.Core.Tunnel;
using Causeway.Engine.OpenVpn;
using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.OpenVpn;

public sealed class OpenVpnSupervisorTests
{
    private static readonly IPAddress Gateway = IPAddress.Parse("10.8.0.1");

    [Fact]
    public async Task Starts_openvpn_dying_with_its_parent_and_writes_its_pid()
    {
        await using var harness = new SupervisorHarness();

        await harness.StartAndConnectAsync();

        var process = Assert.Single(harness.Launcher.Started);
        Assert.Equal("/usr/sbin/openvpn", process.Spec.Program);
        Assert.Equal(["--config", SupervisorHarness.ConfigPath], process.Spec.Arguments);
        Assert.True(process.Spec.DieWithParent);
        Assert.True(process.Spec.OwnSession, "a hang-up of the daemon's terminal would restart openvpn");
        Assert.NotNull(process.Spec.OnOutputLine);
        Assert.Equal($"{process.Id}\n", harness.FileSystem.ContentOf(SupervisorHarness.PidPath));
    }

    [Fact]
    public async Task Drives_openvpn_through_its_management_socket()
    {
        await using var harness = new SupervisorHarness();

        await harness.StartAndConnectAsync();

        Assert.Equal(["state on all", "bytecount 5", "hold off", "hold release"], harness.Server.CommandLog);
    }

    [Fact]
    public async Task Connected_with_the_pushed_dns_gateway_address_and_remote()
    {
        await using var harness = new SupervisorHarness();

        var status = await harness.StartAndConnectAsync();

        Assert.Equal("SUCCESS", status.Detail);
        Assert.Equal("CONNECTED", status.OpenVpnState);
        Assert.Equal(IPAddress.Parse("10.8.0.2"), status.LocalAddress);
        Assert.Equal(Gateway, status.VpnGateway);
        Assert.Equal([Gateway], status.PushedDns);
        Assert.Equal("tuncw0", status.Device);
        Assert.Equal("10.99.0.1:1194", status.Remote);
        Assert.Equal(1, status.ConnectionGeneration);
        Assert.Equal(1, status.ProcessStarts);
        Assert.Equal(0, status.Reconnects);
        Assert.Equal(harness.Current.Id, status.ProcessId);
        Assert.Null(status.LastError);
        var facts = status.ToFacts();
        Assert.True(facts.Connected);
        Assert.Equal(IPAddress.Parse("10.8.0.2"), facts.LocalAddress);
        Assert.Equal([Gateway], facts.PushedDns);
    }

    [Fact]
    public async Task Byte_counts_are_followed()
    {
        await using var harness = new SupervisorHarness();
        await harness.StartAndConnectAsync();

        await harness.Server.SendAsync(">BYTECOUNT:13808,14795");

        await harness.WaitForAsync(s => s is { BytesIn: 13808, BytesOut: 14795 }, "the byte counts");
    }

    [Fact]
    public async Task A_reconnect_with_persist_tun_keeps_the_pushed_options_and_counts_a_new_generation()
    {
        await using var harness = new SupervisorHarness();
        await harness.StartAndConnectAsync();

        await harness.Server.SendAsync(">STATE:1795599676,RECONNECTING,ping-restart,,,,,");
        var reconnecting = await harness.WaitForAsync(s => s.State == TunnelState.Reconnecting, "RECONNECTING");
        Assert.Equal("ping-restart", reconnecting.Detail);
        Assert.Equal(1, reconnecting.Reconnects);
        Assert.False(reconnecting.ToFacts().Connected);
        Assert.Equal([Gateway], reconnecting.PushedDns);

        await harness.Server.SendAsync(">STATE:1795599677,WAIT,,,,,,", ">STATE:1795599677,AUTH,,,,,,");
        var auth = await harness.WaitForAsync(s => s.OpenVpnState == "AUTH", "AUTH");
        Assert.Equal(TunnelState.Reconnecting, auth.State);
        Assert.Equal("ping-restart", auth.Detail);

        // persist-tun: no ASSIGN_IP and no new UPDOWN:UP, straight to CONNECTED.
        await harness.Server.SendAsync(">STATE:1795599677,CONNECTED,SUCCESS,10.8.0.2,10.99.0.1,1194,,");
        var connected = await harness.WaitForAsync(s => s.State == TunnelState.Connected, "CONNECTED again");
        Assert.Equal(2, connected.ConnectionGeneration);
        Assert.Equal(1, connected.Reconnects);
        Assert.Equal([Gateway], connected.PushedDns);
        Assert.Equal(Gateway, connected.VpnGateway);
        Assert.Equal(1, connected.ProcessStarts);
    }

    [Fact]
    public async Task Every_later_hold_is_released()
    {
        await using var harness = new SupervisorHarness();
        await harness.StartAndConnectAsync();

        await harness.Server.SendAsync(">STATE:1795594716,RECONNECTING,SIGUSR1,,,,,", ">HOLD:Waiting for hold release:1");

        await harness.Server.WaitForCommandAsync("hold release");
        await harness.Server.WaitForCommandAsync("hold release");
        Assert.Equal(2, harness.Server.CommandLog.Count(c => c == "hold release"));
    }

    [Fact]
    public async Task Probes_the_vpn_gateway_while_connected()
    {
        await using var harness = new SupervisorHarness();
        await harness.StartAndConnectAsync();

        Assert.Equal(Gateway, await harness.Probe.Calls.ReadAsync(TestContext.Current.CancellationToken));
        await harness.WaitForAsync(s => s.PeerAnswersProbes == true, "the probe answered");

        harness.Time.Advance(harness.Launch.ProbeInterval);
        Assert.Equal(Gateway, await harness.Probe.Calls.ReadAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ping_restarts_with_unanswered_probes_say_the_provider_ignores_pings()
    {
        await using var harness = new SupervisorHarness();
        harness.Probe.Answers = false;
        await harness.StartAndConnectAsync();

        for (var restart = 1; restart <= 2; restart++)
        {
            await harness.Probe.Calls.ReadAsync(TestContext.Current.CancellationToken);
            await harness.Server.SendAsync(">STATE:1795599676,RECONNECTING,ping-restart,,,,,");
            var reconnecting = await harness.WaitForAsync(s => s.Reconnects == restart, $"reconnect {restart}");
            if (restart == 1)
            {
                Assert.Null(reconnecting.LastError);
                await harness.Server.SendAsync(">STATE:1795599677,CONNECTED,SUCCESS,10.8.0.2,10.99.0.1,1194,,");
                await harness.WaitForAsync(s => s.State == TunnelState.Connected, "CONNECTED again");
            }
        }

        var status = await harness.WaitForAsync(s => s.LastError is not null, "the error");
        Assert.StartsWith("the provider does not answer pings on its tunnel address 10.8.0.1: dead-peer detection falls back to", status.LastError, StringComparison.Ordinal);
        Assert.Contains("ping_restart_seconds", status.LastError, StringComparison.Ordinal);
        Assert.False(status.PeerAnswersProbes);
    }

    [Fact]
    public async Task A_dead_server_after_answered_probes_is_not_blamed_on_pings()
    {
        await using var harness = new SupervisorHarness();
        await harness.StartAndConnectAsync();
        await harness.WaitForAsync(s => s.PeerAnswersProbes == true, "the probe answered");

        for (var restart = 1; restart <= 3; restart++)
        {
            await harness.Server.SendAsync(">STATE:1795599676,RECONNECTING,ping-restart,,,,,");
            await harness.WaitForAsync(s => s.Reconnects == restart, $"reconnect {restart}");
        }

        Assert.Null(harness.Supervisor.Current.LastError);
    }

    [Fact]
    public async Task Process_exit_restarts_with_exponential_backoff_capped_at_30_s()
    {
        await using var harness = new SupervisorHarness();
        await harness.Server.DisposeAsync();
        harness.Launcher.OnStart = process => process.Exit(1);
        await harness.Supervisor.StartAsync(TestContext.Current.CancellationToken);

        double[] expected = [1, 2, 4, 8, 16, 30, 30];
        for (var i = 0; i < expected.Length; i++)
        {
            var starts = i + 1;
            var status = await harness.WaitForAsync(
                s => s.State == TunnelState.BackingOff && s.ProcessStarts == starts, $"backing off after start {starts}");
            Assert.Equal($"openvpn exited with code 1; restarting in {expected[i]} s", status.Detail);
            Assert.Equal(status.StateSince + TimeSpan.FromSeconds(expected[i]), status.RestartAt);
            Assert.Equal("openvpn exited with code 1", status.LastError);
            Assert.Null(status.ProcessId);

            // The restart waits on a timer due in exactly the backoff: a millisecond short of it, nothing can start.
            await harness.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(expected[i]), TestContext.Current.CancellationToken);
            harness.Time.Advance(TimeSpan.FromSeconds(expected[i]) - TimeSpan.FromMilliseconds(1));
            Assert.Equal(starts, harness.Launcher.Started.Count);
            harness.Time.Advance(TimeSpan.FromMilliseconds(1));
            await harness.WaitForAsync(s => s.ProcessStarts == starts + 1, $"start {starts + 1}");
        }
    }

    [Fact]
    public async Task A_stable_connection_resets_the_backoff()
    {
        await using var harness = new SupervisorHarness();
        await harness.StartAndConnectAsync();
        harness.Crash(1);
        await harness.WaitForAsync(s => s.State == TunnelState.BackingOff, "backing off");
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.WaitForAsync(s => s.State == TunnelState.Connected && s.ProcessStarts == 2, "second connection");
        harness.Crash(1);
        var second = await harness.WaitForAsync(s => s.State == TunnelState.BackingOff, "backing off again");
        Assert.EndsWith("restarting in 2 s", second.Detail, StringComparison.Ordinal);
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        await harness.WaitForAsync(s => s.State == TunnelState.Connected && s.ProcessStarts == 3, "third connection");

        harness.Time.Advance(OpenVpnSupervisor.StableConnection);
        harness.Crash(1);

        var third = await harness.WaitForAsync(s => s.State == TunnelState.BackingOff, "backing off after a stable connection");
        Assert.EndsWith("restarting in 1 s", third.Detail, StringComparison.Ordinal);
        Assert.Equal(3, third.ConnectionGeneration);
    }

    [Fact]
    public async Task A_fatal_message_is_the_error_that_stays_after_the_exit()
    {
        await using var harness = new SupervisorHarness();
        await harness.StartAndConnectAsync();

        await harness.Server.SendAsync(">FATAL:ERROR: Cannot ioctl TUNSETIFF tuncw0: Device or resource busy (errno=16)");
        await harness.WaitForAsync(s => s.LastError is not null, "the fatal error");
        harness.Crash(1);

        var status = await harness.WaitForAsync(s => s.State == TunnelState.BackingOff, "backing off");
        Assert.Equal("openvpn: ERROR: Cannot ioctl TUNSETIFF tuncw0: Device or resource busy (errno=16)", status.LastError);
        Assert.Equal(harness.Time.GetUtcNow(), status.LastErrorAt);
    }

    [Fact]
    public async Task An_authentication_failure_is_said_plainly()
    {
        await using var harness = new SupervisorHarness();
        harness.ConnectOnRelease = false;
        await harness.Supervisor.StartAsync(TestContext.Current.CancellationToken);
        await harness.Server.WaitForCommandAsync("hold release");

        await harness.Server.SendAsync(
            ">STATE:1795594894,WAIT,,,,,,",
            ">STATE:1795594894,AUTH,,,,,,",
            ">PASSWORD:Verification Failed: 'Auth'",
            ">STATE:1795594895,EXITING,auth-failure,,,,,");
        var exiting = await harness.WaitForAsync(s => s.State == TunnelState.Exiting, "EXITING");
        Assert.Equal("auth-failure", exiting.Detail);
        harness.Crash(1);

        var status = await harness.WaitForAsync(s => s.State == TunnelState.BackingOff, "backing off");
        Assert.Equal("authentication failed: the provider rejected the credentials ('Auth'); check the auth file", status.LastError);
    }

    /// <summary>
    /// OpenVPN 2.6.14 against a server certificate valid from 2030 (captured): the management socket says only
    /// RECONNECTING,tls-error; the reason is in its output, in between. The fake clock says 2000-01-01, like a host
    /// that booted without a real-time clock.
    /// </summary>
    [Fact]
    public async Task A_certificate_not_yet_valid_says_what_openvpn_said_and_that_the_clock_looks_wrong()
    {
        await using var harness = new SupervisorHarness();
        harness.ConnectOnRelease = false;
        await harness.Supervisor.StartAsync(TestContext.Current.CancellationToken);
        await harness.Server.WaitForCommandAsync("hold release");
        var output = harness.Current.Spec.OnOutputLine!;

        await harness.Server.SendAsync(">STATE:1796614173,WAIT,,,,,,", ">STATE:1796614173,AUTH,,,,,,");
        output("TLS: Initial packet from [AF_INET]10.99.0.1:1194, sid=f314d259 16517c6b");
        output("VERIFY OK: depth=1, CN=Test CA");
        output("VERIFY ERROR: depth=0, error=certificate is not yet valid: CN=vpn.example.net, serial=1");
        output("Sent fatal SSL alert: bad certificate");
        output("OpenSSL: error:0A000086:SSL routines::certificate verify failed:");
        output("TLS_ERROR: BIO read tls_read_plaintext error");
        output("TLS Error: TLS handshake failed");
        output("SIGUSR1[soft,tls-error] received, process restarting");
        await harness.Server.SendAsync(">STATE:1796614174,RECONNECTING,tls-error,,,,,", ">STATE:1796614175,WAIT,,,,,,");

        var status = await harness.WaitForAsync(s => s.State == TunnelState.Reconnecting && s.OpenVpnState == "WAIT", "RECONNECTING, then WAIT");
        Assert.Equal("tls-error", status.Detail);
        Assert.StartsWith("the provider's server certificate is not yet valid by this host's clock (2000-01-01 00:00:00 UTC): the clock looks wrong", status.LastError, StringComparison.Ordinal);
        Assert.Contains("`timedatectl`", status.LastError, StringComparison.Ordinal);
        Assert.EndsWith("OpenVPN said: VERIFY ERROR: depth=0, error=certificate is not yet valid: CN=vpn.example.net, serial=1", status.LastError, StringComparison.Ordinal);
        Assert.Equal(harness.Time.GetUtcNow(), status.LastErrorAt);
    }

    [Fact]
    public async Task A_password_prompt_stops_openvpn_instead_of_waiting_forever()
    {
        await using var harness = new SupervisorHarness();
        harness.ConnectOnRelease = false;
        await harness.Supervisor.StartAsync(TestContext.Current.CancellationToken);
        await harness.Server.WaitForCommandAsync("hold release");

        await harness.Server.SendAsync(">PASSWORD:Need 'Auth' username/password");

        await harness.Server.WaitForCommandAsync("signal SIGTERM");
        var status = await harness.WaitForAsync(s => s.State == TunnelState.BackingOff, "backing off");
        Assert.StartsWith("openvpn asks for the 'Auth' credentials", status.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_error_printed_before_management_starts_is_in_the_error()
    {
        await using var harness = new SupervisorHarness();
        await harness.Server.DisposeAsync();
        harness.Launcher.OnStart = process =>
        {
            process.Spec.OnOutputLine!("2026-11-25 09:00:00 Options error: Unrecognized option or missing or extra parameter(s) in client.conf:3: bogus (2.6.14)");
            process.Spec.OnOutputLine!("2026-11-25 09:00:00 Use --help for more information.");
            process.Exit(1);
        };

        await harness.Supervisor.StartAsync(TestContext.Current.CancellationToken);

        var status = await harness.WaitForAsync(s => s.State == TunnelState.BackingOff, "backing off");
        Assert.Equal(
            "openvpn exited with code 1: 2026-11-25 09:00:00 Options error: Unrecognized option or missing or extra parameter(s) in client.conf:3: bogus (2.6.14)",
            status.LastError);
    }

    [Fact]
    public async Task A_launch_failure_backs_off_too()
    {
        await using var harness = new SupervisorHarness();
        harness.Launcher.OnStart = _ => throw new InvalidOperationException("starting `/usr/sbin/openvpn`: No such file or directory (is it installed and on PATH?)");

        await harness.Supervisor.StartAsync(TestContext.Current.CancellationToken);

        var status = await harness.WaitForAsync(s => s.State == TunnelState.BackingOff, "backing off");
        Assert.Equal("starting openvpn: starting `/usr/sbin/openvpn`: No such file or directory (is it installed and on PATH?)", status.LastError);
        Assert.StartsWith("starting openvpn: ", status.Detail, StringComparison.Ordinal);
        Assert.EndsWith("; restarting in 1 s", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_asks_openvpn_to_exit_through_management()
    {
        await using var harness = new SupervisorHarness();
        await harness.StartAndConnectAsync();
        var process = harness.Current;

        await harness.Supervisor.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal("signal SIGTERM", harness.Server.CommandLog[^1]);
        Assert.Empty(process.Signals);
        Assert.True(process.Disposed);
        Assert.Equal(TunnelState.Stopped, harness.Supervisor.Current.State);
        Assert.False(harness.Supervisor.Current.ToFacts().Connected);
        Assert.Null(harness.Supervisor.Current.ProcessId);
        Assert.Null(harness.FileSystem.ContentOf(SupervisorHarness.PidPath));
        Assert.Single(harness.Launcher.Started);
        var rest = await harness.Supervisor.Updates.ReadAllAsync(TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(TunnelState.Stopped, Assert.Single(rest).State);
    }

    [Fact]
    public async Task Stop_kills_an_openvpn_that_ignores_sigterm()
    {
        await using var harness = new SupervisorHarness();
        harness.ExitOnTerminate = false;
        await harness.StartAndConnectAsync();
        var process = harness.Current;

        var stopping = harness.Supervisor.StopAsync(TestContext.Current.CancellationToken);
        await harness.Server.WaitForCommandAsync("signal SIGTERM");
        await harness.AdvanceUntilAsync(() => stopping.IsCompleted, TimeSpan.FromSeconds(1), "stopped");
        await stopping;

        Assert.Equal([UnixSignals.Kill], process.Signals);
        Assert.Equal(TunnelState.Stopped, harness.Supervisor.Current.State);
    }

    [Fact]
    public async Task Stop_while_backing_off_stops_at_once()
    {
        await using var harness = new SupervisorHarness();
        await harness.Server.DisposeAsync();
        harness.Launcher.OnStart = process => process.Exit(1);
        await harness.Supervisor.StartAsync(TestContext.Current.CancellationToken);
        await harness.WaitForAsync(s => s.State == TunnelState.BackingOff, "backing off");

        await harness.Supervisor.StopAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(TunnelState.Stopped, harness.Supervisor.Current.State);
        Assert.Single(harness.Launcher.Started);
    }

    [Fact]
    public async Task A_stale_openvpn_with_our_config_is_stopped_before_starting()
    {
        await using var harness = new SupervisorHarness();
        AddStaleProcess(harness, 4242, $"openvpn\0--config\0{SupervisorHarness.ConfigPath}\0");
        // The old openvpn is gone by the time it answers: the reaper looks at /proc at once, on a clock that does not
        // move here. (The reaper closes that session itself; the new openvpn's session replaces it.)
        harness.ExitOnTerminate = false;
        harness.Server.Reply = command =>
        {
            if (command == "signal SIGTERM")
            {
                harness.FileSystem.Remove("/proc/4242");
            }

            return FakeManagementServer.DefaultReply(command);
        };

        await harness.StartAndConnectAsync();

        Assert.Equal("signal SIGTERM", harness.Server.CommandLog[0]);
        var process = Assert.Single(harness.Launcher.Started);
        Assert.Equal("/usr/sbin/openvpn", process.Spec.Program);
        Assert.Equal($"{process.Id}\n", harness.FileSystem.ContentOf(SupervisorHarness.PidPath));
    }

    [Fact]
    public async Task A_stale_openvpn_that_ignores_sigterm_is_killed()
    {
        await using var harness = new SupervisorHarness();
        AddStaleProcess(harness, 4242, $"/usr/sbin/openvpn\0--config\0{SupervisorHarness.ConfigPath}\0");
        harness.ExitOnTerminate = false;
        harness.Signals.OnSend = (pid, signal) =>
        {
            if (pid == 4242 && signal == UnixSignals.Kill)
            {
                harness.FileSystem.AddFile("/proc/4242/stat", "4242 (openvpn) Z 1 4242");
            }

            return true;
        };

        await harness.Supervisor.StartAsync(TestContext.Current.CancellationToken);
        await harness.AdvanceUntilAsync(() => !harness.Launcher.Started.IsEmpty, TimeSpan.FromMilliseconds(200), "openvpn started");

        Assert.Equal([(4242, UnixSignals.Kill)], harness.Signals.Sent);
        Assert.Equal("/usr/sbin/openvpn", Assert.Single(harness.Launcher.Started).Spec.Program);
    }

    [Fact]
    public async Task A_pid_file_naming_some_other_process_is_left_alone()
    {
        await using var harness = new SupervisorHarness();
        AddStaleProcess(harness, 4242, "/usr/sbin/sshd\0-D\0");

        await harness.StartAndConnectAsync();

        Assert.Equal("state on all", harness.Server.CommandLog[0]);
        Assert.Equal("/usr/sbin/openvpn", Assert.Single(harness.Launcher.Started).Spec.Program);
    }

    [Fact]
    public async Task It_runs_once()
    {
        await using var harness = new SupervisorHarness();
        await harness.StartAndConnectAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Supervisor.StartAsync(TestContext.Current.CancellationToken));
    }

    private static void AddStaleProcess(SupervisorHarness harness, int pid, string cmdline)
    {
        harness.FileSystem.AddFile(SupervisorHarness.PidPath, $"{pid}\n")
            .AddFile($"/proc/{pid}/cmdline", cmdline)
            .AddFile($"/proc/{pid}/stat", $"{pid} (openvpn) S 1 {pid}");
    }
}
