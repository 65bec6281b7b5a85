using System.Net;
using Causeway.Core.Model;
using Causeway.Engine.Access;
using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>
/// The access servers outlive `causeway up`: stopping the daemon leaves them serving, the next `up` takes over those
/// whose config is the same byte for byte (checked on /proc), restarts the others, ignores pid files that name
/// anything else, notices when a server it took over dies, and `causeway down` stops them.
/// </summary>
public sealed class AccessServerTakeoverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stopping_the_daemon_leaves_the_servers_running_with_their_pid_files_and_closes_its_sessions()
    {
        await using var harness = new AccessServersHarness();
        harness.Udp.Connect("phone", 3, "10.9.0.2");
        await harness.StartAsync();
        var processes = harness.Launcher.Started.ToList();

        await harness.Servers.LeaveRunningAsync();

        Assert.All(processes, p => Assert.False(p.Exited.IsCompleted, $"openvpn {p.Id} was stopped"));
        Assert.Empty(processes.SelectMany(p => p.Signals));
        Assert.Equal(0, harness.Udp.CommandCount("signal SIGTERM"));
        foreach (var server in harness.Access.Servers)
        {
            Assert.Equal($"{harness.ProcessOf(server.Transport).Id}\n", harness.Files.ContentOf(harness.Paths.PidFile(server)));
        }

        // Its sessions are closed, so that OpenVPN takes the next daemon's (it serves one at a time).
        await AccessServersHarness.UntilAsync(
            () => harness.Udp.Management.SessionsClosedByClient == 1 && harness.Tcp.Management.SessionsClosedByClient == 1, "both sessions closed");
        Assert.All(harness.Report.Servers, s => Assert.StartsWith("left running (pid ", s.Detail, StringComparison.Ordinal));
        Assert.All(harness.Report.Servers, s => Assert.False(s.Up));
    }

    [Fact]
    public async Task The_next_up_takes_over_servers_with_the_same_config_and_their_clients_stay_connected()
    {
        await using var harness = new AccessServersHarness();
        harness.Udp.Connect("phone", 3, "10.9.0.2");
        harness.Tcp.Connect("laptop", 4, "10.9.0.130");
        await harness.StartAsync();
        var first = harness.Launcher.Started.ToDictionary(p => p.Spec.Arguments[1], p => p.Id);
        await harness.Servers.LeaveRunningAsync();

        var adopted = await harness.StartNextDaemonAsync();

        Assert.Equal(
            [(AccessTransport.Udp, first[harness.Paths.ServerConfig(harness.Access.Udp!)]), (AccessTransport.Tcp, first[harness.Paths.ServerConfig(harness.Access.Tcp!)])],
            adopted.OrderBy(a => a.Key).Select(a => (a.Key, a.Value)));
        Assert.Equal(2, harness.Launcher.Started.Count);
        Assert.Empty(harness.Launcher.Started.SelectMany(p => p.Signals));
        Assert.Equal(0, harness.Udp.CommandCount("signal SIGTERM") + harness.Tcp.CommandCount("signal SIGTERM"));

        // A new session on each: only the log from now on (the previous daemon logged the rest).
        Assert.Equal(2, harness.Udp.Management.Connections);
        Assert.Equal(1, harness.Udp.CommandCount("log on all"));
        Assert.Equal(1, harness.Udp.CommandCount("log on"));
        var report = await harness.WaitForAsync(r => r.Sessions.Length == 2, "both clients listed");
        Assert.Equal(["laptop", "phone"], report.Sessions.Select(s => s.Name).Order());
        Assert.All(report.Servers, s => Assert.Equal((true, 0), (s.Up, s.ProcessStarts)));
        Assert.All(harness.Access.Servers, s => Assert.Equal($"{first[harness.Paths.ServerConfig(s)]}\n", harness.Files.ContentOf(harness.Paths.PidFile(s))));
    }

    [Fact]
    public async Task A_server_whose_config_changed_is_stopped_and_started_afresh()
    {
        await using var harness = new AccessServersHarness();
        await harness.StartAsync();
        var old = harness.Launcher.Started.ToList();
        await harness.Servers.LeaveRunningAsync();

        // The overlay moved while no daemon ran: what the servers push is different.
        var adopted = await harness.StartNextDaemonAsync([IPNetwork.Parse("10.223.0.0/24")]);

        Assert.Empty(adopted);
        Assert.All(old, p => Assert.True(p.Exited.IsCompleted, $"the old openvpn {p.Id} still runs"));
        Assert.Equal(1, harness.Udp.CommandCount("signal SIGTERM"));
        Assert.Equal(1, harness.Tcp.CommandCount("signal SIGTERM"));
        Assert.Equal(4, harness.Launcher.Started.Count);
        Assert.Contains("push \"route 10.223.0.0 255.255.255.0\"", harness.Files.ContentOf(harness.Paths.ServerConfig(harness.Access.Udp!)), StringComparison.Ordinal);
        Assert.All(harness.Report.Servers, s => Assert.Equal((true, 1), (s.Up, s.ProcessStarts)));
    }

    [Fact]
    public async Task A_server_that_ignores_sigterm_is_killed_before_it_is_replaced()
    {
        await using var harness = new AccessServersHarness();
        await harness.StartAsync();
        var old = harness.ProcessOf(AccessTransport.Udp);
        await harness.Servers.LeaveRunningAsync();
        harness.Udp.Management.AfterReply = null;
        harness.Signals.OnSend = (pid, signal) =>
        {
            if (pid == old.Id && signal == UnixSignals.Kill)
            {
                old.Exit(128 + UnixSignals.Kill);
                harness.Files.Remove($"/proc/{old.Id}");
            }

            return true;
        };

        await harness.StartNextDaemonAsync([IPNetwork.Parse("10.223.0.0/24")]);

        Assert.True(old.Exited.IsCompleted);
        Assert.Equal(1, harness.Udp.CommandCount("signal SIGTERM"));
        Assert.Contains((old.Id, UnixSignals.Kill), harness.Signals.Sent);
    }

    [Fact]
    public async Task A_stale_pid_file_or_one_naming_another_program_starts_afresh_and_that_process_is_left_alone()
    {
        await using var harness = new AccessServersHarness();
        AccessServerConfigs.Write(harness.Files, harness.Settings.Instance, harness.Access, AccessServersHarness.Overlay);
        harness.Files.AddFile(harness.Paths.PidFile(harness.Access.Udp!), "4242\n");
        harness.Files.AddFile("/proc/4242/cmdline", "/usr/sbin/sshd\0-D\0");
        harness.Files.AddFile("/proc/4242/stat", "4242 (sshd) S 1 4242");
        harness.Files.AddFile(harness.Paths.PidFile(harness.Access.Tcp!), "4343\n");

        var adopted = await harness.StartNextDaemonAsync();

        Assert.Empty(adopted);
        Assert.Empty(harness.Signals.Sent);
        Assert.Equal(0, harness.Udp.CommandCount("signal SIGTERM"));
        Assert.NotNull(harness.Files.ContentOf("/proc/4242/cmdline"));
        Assert.Equal(2, harness.Launcher.Started.Count);
        Assert.All(harness.Access.Servers, s => Assert.Equal($"{harness.ProcessOf(s.Transport).Id}\n", harness.Files.ContentOf(harness.Paths.PidFile(s))));
    }

    [Fact]
    public async Task A_server_taken_over_that_dies_is_noticed_and_started_again()
    {
        await using var harness = new AccessServersHarness();
        await harness.StartAsync();
        var old = harness.ProcessOf(AccessTransport.Udp);
        await harness.Servers.LeaveRunningAsync();
        await harness.StartNextDaemonAsync();

        // SIGKILL: it is not this daemon's child, so only its socket closing and /proc say so.
        harness.Files.Remove($"/proc/{old.Id}");
        old.Exit(128 + UnixSignals.Kill);
        harness.Udp.Management.Disconnect();

        var report = await harness.WaitForAsync(r => r.Servers[0].State == "BackingOff", "the UDP server backing off");
        Assert.Equal($"openvpn (pid {old.Id}, taken over from a previous run) exited", report.Servers[0].LastError);
        await harness.AdvanceUntilAsync(() => harness.Launcher.Started.Count == 3, "a new UDP server");
        await harness.WaitForAsync(r => r.Servers[0].Up && r.Servers[0].ProcessStarts == 1, "the UDP server up again");
        Assert.True(harness.Report.Servers[1].Up);
    }

    [Fact]
    public async Task Down_stops_servers_taken_over_and_removes_their_pid_files()
    {
        await using var harness = new AccessServersHarness();
        await harness.StartAsync();
        var processes = harness.Launcher.Started.ToList();
        var udp = harness.ProcessOf(AccessTransport.Udp).Id;
        var tcp = harness.ProcessOf(AccessTransport.Tcp).Id;
        await harness.Servers.LeaveRunningAsync();
        await harness.StartNextDaemonAsync();
        await harness.Servers.LeaveRunningAsync();

        var stop = harness.Takeover.StopAllAsync(harness.Settings.Instance, Ct);
        await harness.AdvanceUntilAsync(() => stop.IsCompleted, "down to stop the servers");
        var stopped = await stop;

        Assert.Equal([$"udp (pid {udp})", $"tcp (pid {tcp})"], stopped);
        Assert.All(processes, p => Assert.True(p.Exited.IsCompleted));
        Assert.Equal(1, harness.Udp.CommandCount("signal SIGTERM"));
        Assert.All(harness.Access.Servers, s => Assert.Null(harness.Files.ContentOf(harness.Paths.PidFile(s))));
    }

    [Fact]
    public async Task Without_access_now_the_servers_left_running_are_stopped()
    {
        await using var harness = new AccessServersHarness();
        await harness.StartAsync();
        var processes = harness.Launcher.Started.ToList();
        await harness.Servers.LeaveRunningAsync();

        var prepare = harness.Takeover.PrepareAsync(harness.Settings.Instance, access: null, AccessServersHarness.Overlay, Ct);
        await harness.AdvanceUntilAsync(() => prepare.IsCompleted, "the servers to be stopped");

        Assert.Empty(await prepare);
        Assert.All(processes, p => Assert.True(p.Exited.IsCompleted));
    }
}
