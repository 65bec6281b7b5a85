using System.Net;
using Causeway.Core.Model;
using Causeway.Engine.Daemon;
using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>
/// The access servers in the daemon: two supervised servers, their sessions read through the supervisors' own
/// management sessions, the status they publish, client-kill, overlay changes and the daily PKI check.
/// </summary>
public sealed class AccessServersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Starting_writes_both_configs_and_runs_each_server_detached_so_that_it_outlives_the_daemon()
    {
        await using var harness = new AccessServersHarness();

        await harness.StartAsync();

        Assert.Equal(2, harness.Launcher.Started.Count);
        foreach (var server in harness.Access.Servers)
        {
            var config = harness.Paths.ServerConfig(server);
            var process = harness.ProcessOf(server.Transport);
            Assert.Equal(["--config", config], process.Spec.Arguments);
            Assert.False(process.Spec.DieWithParent);
            Assert.Equal(harness.Paths.ServerLog(server), process.Spec.DetachedLogFile);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, harness.Files.Stat(harness.Paths.ServerLog(server)).Mode);
            Assert.Equal($"{process.Id}\n", harness.Files.ContentOf(harness.Paths.PidFile(server)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, harness.Files.Stat(config).Mode);
            Assert.Contains($"management {harness.Paths.ManagementSocket(server)} unix", harness.Files.ContentOf(config), StringComparison.Ordinal);
            Assert.Contains("push \"route 10.222.0.0 255.255.255.0\"", harness.Files.ContentOf(config), StringComparison.Ordinal);
        }

        // One session per server, the supervisor's: `state on all`, its log from the start (its output goes to the
        // file, not to the daemon), then the sessions read through it.
        Assert.Equal(1, harness.Udp.Management.Connections);
        Assert.Equal(["state on all", "log on all"], harness.Udp.Management.CommandLog.Take(2));
        Assert.Contains("status 3", harness.Udp.Management.CommandLog);
        Assert.DoesNotContain("hold release", harness.Udp.Management.CommandLog);
    }

    [Fact]
    public async Task The_status_says_which_servers_are_up_and_who_is_connected_with_bytes()
    {
        await using var harness = new AccessServersHarness();
        harness.Udp.Connect("phone", 3, "10.9.0.2", received: 1234, sent: 5678);
        harness.Tcp.Connect("laptop", 4, "10.9.0.130");

        await harness.StartAsync();
        var report = await harness.WaitForAsync(r => r.Sessions.Length == 2, "two sessions");

        Assert.Equal(AccessServersHarness.ServerHost, report.ServerHost);
        Assert.Equal(
            [("udp", 1194, "tuncw-udp", "10.9.0.0/25", true, 1), ("tcp", 443, "tuncw-tcp", "10.9.0.128/25", true, 1)],
            report.Servers.Select(s => (s.Transport, s.Port, s.Device, s.Subnet, s.Up, s.Clients)));
        Assert.Equal(
            [new AccessSessionStatusReport("phone", "udp", "10.9.0.2", new DateTimeOffset(2026, 11, 25, 11, 59, 0, TimeSpan.Zero), 1234, 5678),
             new AccessSessionStatusReport("laptop", "tcp", "10.9.0.130", new DateTimeOffset(2026, 11, 25, 11, 59, 0, TimeSpan.Zero), 100, 200)],
            report.Sessions);
        Assert.Empty(report.Problems);
        Assert.Equal(harness.Pki.CrlNextUpdate, report.CrlNextUpdate);
    }

    [Fact]
    public async Task A_new_session_is_read_at_once_and_recorded_as_seen()
    {
        await using var harness = new AccessServersHarness();
        await harness.StartAsync();
        var reads = harness.Udp.CommandCount("status 3");

        harness.Udp.Connect("phone", 3, "10.9.0.2");
        await harness.Udp.EstablishedAsync("phone", 3);

        // No time passes: the ESTABLISHED notice itself is the reason to read.
        await harness.WaitForAsync(r => r.Sessions.Any(s => s.Name == "phone"), "the phone's session");
        Assert.True(harness.Udp.CommandCount("status 3") > reads);
        Assert.Equal(AccessServersHarness.Start, harness.Clients.ReadLastSeen().Of("phone"));
    }

    [Fact]
    public async Task Sessions_are_read_again_every_poll_interval()
    {
        await using var harness = new AccessServersHarness();
        harness.Udp.Connect("phone", 3, "10.9.0.2");
        await harness.StartAsync();
        await harness.WaitForAsync(r => r.Sessions.Length == 1, "the phone's session");

        // Past the reads the servers' coming up asked for: the next one is the interval's.
        var started = harness.Report.SessionsReadAt!.Value;
        await harness.AdvanceUntilAsync(() => harness.Report.SessionsReadAt >= started + AccessServers.SessionPollInterval, "a read on the interval");
        harness.Udp.Clients.Clear();
        var readAt = harness.Report.SessionsReadAt!.Value;

        // The clock moves in steps of 100 ms: the next read comes one interval after the last, not before.
        await harness.AdvanceUntilAsync(() => harness.Report.Sessions.IsEmpty, "the phone gone");

        var next = readAt + AccessServers.SessionPollInterval;
        Assert.InRange(harness.Report.SessionsReadAt!.Value, next, next + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Killing_halts_every_session_of_that_name_on_whichever_server_holds_it_and_no_other()
    {
        await using var harness = new AccessServersHarness();
        harness.Udp.Connect("phone", 3, "10.9.0.2");
        harness.Udp.Connect("laptop", 5, "10.9.0.3");
        harness.Tcp.Connect("phone", 9, "10.9.0.130");
        await harness.StartAsync();

        var killed = await harness.Servers.KillAsync("phone", Ct);

        Assert.Empty(killed.Unreachable);
        Assert.Equal([(AccessTransport.Udp, 3L), (AccessTransport.Tcp, 9L)], killed.Sessions.Select(s => (s.Transport, s.ClientId ?? -1)));
        Assert.Equal(1, harness.Udp.CommandCount("client-kill 3 HALT"));
        Assert.Equal(0, harness.Udp.CommandCount("client-kill 5 HALT"));
        Assert.Equal(1, harness.Tcp.CommandCount("client-kill 9 HALT"));
        await harness.WaitForAsync(r => r.Sessions.Select(s => s.Name).SequenceEqual(["laptop"]), "only the laptop left");
    }

    [Fact]
    public async Task A_server_that_is_down_is_named_and_the_other_still_answers()
    {
        await using var harness = new AccessServersHarness();
        harness.Udp.Connect("phone", 3, "10.9.0.2");
        await harness.StartAsync();
        var changes = harness.Servers.Changes;
        while (changes.TryRead(out _))
        {
        }

        harness.ProcessOf(AccessTransport.Tcp).Exit(1);
        harness.Tcp.Management.Disconnect();
        var report = await harness.WaitForAsync(r => r.Servers.Single(s => s.Transport == "tcp").State == "BackingOff", "the TCP server backing off");
        var sessions = await harness.Servers.ReadSessionsAsync(Ct);
        var killed = await harness.Servers.KillAsync("phone", Ct);

        Assert.True(changes.TryRead(out _), "no change was signalled: the daemon would not reconcile the device's route");
        Assert.False(report.Servers.Single(s => s.Transport == "tcp").Up);
        Assert.Equal("openvpn exited with code 1", report.Servers.Single(s => s.Transport == "tcp").LastError);
        Assert.Equal("phone", Assert.Single(sessions.Sessions).CommonName);
        Assert.StartsWith("the tcp server: the tcp access server is not running (BackingOff", Assert.Single(sessions.Unreachable), StringComparison.Ordinal);
        Assert.Equal("phone", Assert.Single(killed.Sessions).CommonName);
        Assert.Single(killed.Unreachable);
    }

    [Fact]
    public async Task A_server_that_exits_is_started_again_after_its_backoff()
    {
        await using var harness = new AccessServersHarness();
        await harness.StartAsync();

        harness.ProcessOf(AccessTransport.Udp).Exit(1);
        harness.Udp.Management.Disconnect();
        await harness.WaitForAsync(r => r.Servers[0].State == "BackingOff", "the UDP server backing off");
        harness.Time.Advance(TimeSpan.FromSeconds(1));

        var report = await harness.WaitForAsync(r => r.Servers[0].Up && r.Servers[0].ProcessStarts == 2, "the UDP server up again");
        Assert.Equal(3, harness.Launcher.Started.Count);
        Assert.True(report.Servers[1].Up);
    }

    [Fact]
    public async Task New_overlay_subnets_rewrite_the_configs_and_restart_the_servers_and_the_same_ones_do_not()
    {
        await using var harness = new AccessServersHarness();
        await harness.StartAsync();

        // The same IPv4 subnets (an IPv6 one is never pushed): nothing to do.
        await harness.Servers.UpdateOverlayAsync([IPNetwork.Parse("10.222.0.0/24")], Ct);
        Assert.Equal(2, harness.Launcher.Started.Count);

        await harness.Servers.UpdateOverlayAsync([IPNetwork.Parse("10.223.0.0/24")], Ct);

        await AccessServersHarness.UntilAsync(() => harness.Launcher.Started.Count == 4, "two new servers");
        Assert.Equal(1, harness.Udp.CommandCount("signal SIGTERM"));
        Assert.Equal(1, harness.Tcp.CommandCount("signal SIGTERM"));
        var config = harness.Files.ContentOf(harness.Paths.ServerConfig(harness.Access.Udp!))!;
        Assert.Contains("push \"route 10.223.0.0 255.255.255.0\"", config, StringComparison.Ordinal);
        Assert.DoesNotContain("10.222.0.0", config, StringComparison.Ordinal);
        await harness.WaitForAsync(r => r.Servers.All(s => s.Up && s.ProcessStarts == 1), "both new servers up");
    }

    [Fact]
    public async Task Without_allow_overlay_the_overlay_does_not_matter_to_the_servers()
    {
        await using var harness = new AccessServersHarness("allow_overlay = false");
        await harness.StartAsync();

        await harness.Servers.UpdateOverlayAsync([IPNetwork.Parse("10.223.0.0/24")], Ct);

        Assert.Equal(2, harness.Launcher.Started.Count);
        Assert.DoesNotContain("push \"route 10.2", harness.Files.ContentOf(harness.Paths.ServerConfig(harness.Access.Udp!))!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pki_is_checked_daily_and_the_crl_renewed_when_due()
    {
        await using var harness = new AccessServersHarness();
        await harness.StartAsync();
        var crl = harness.Files.ContentOf(harness.Paths.Crl);

        // A month on, the CRL has less than CrlRenewBefore left: the next daily check publishes a new one.
        await harness.JumpAsync(TimeSpan.FromDays(31), () => harness.Report.CrlNextUpdate > harness.Pki.CrlNextUpdate, "a renewed CRL");

        var report = harness.Report;
        Assert.NotEqual(crl, harness.Files.ContentOf(harness.Paths.Crl));
        var due = AccessServersHarness.Start + TimeSpan.FromDays(31) + Engine.Access.AccessPki.CrlLifetime;
        Assert.InRange(report.CrlNextUpdate!.Value, due, due + TimeSpan.FromMinutes(1));
        Assert.Equal(2, harness.Launcher.Started.Count);
    }

    [Fact]
    public async Task A_renewed_server_certificate_restarts_the_servers()
    {
        await using var harness = new AccessServersHarness();
        await harness.StartAsync();

        await harness.JumpAsync(
            Engine.Access.AccessPki.ServerValidity - Engine.Access.AccessPki.ServerRenewBefore + TimeSpan.FromDays(1),
            () => harness.Launcher.Started.Count == 4,
            "the servers restarted");
        await harness.WaitForAsync(r => r.Servers.All(s => s.Up), "both servers up again");
    }

    [Fact]
    public async Task Conflicts_are_shown_in_the_status()
    {
        await using var harness = new AccessServersHarness();
        await harness.StartAsync();

        harness.Servers.SetConflicts(["the provider tunnel's address 10.9.0.5 is inside access.pool 10.9.0.0/24: choose a pool the provider does not use"]);

        Assert.Contains(harness.Report.Problems, p => p.StartsWith("the provider tunnel's address 10.9.0.5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_asks_each_server_to_exit_and_ends_the_changes()
    {
        await using var harness = new AccessServersHarness();
        await harness.StartAsync();

        await harness.Servers.StopAsync();

        Assert.All(harness.Launcher.Started, p => Assert.True(p.Exited.IsCompleted));
        Assert.DoesNotContain(UnixSignals.Kill, harness.Launcher.Started.SelectMany(p => p.Signals));
        Assert.Equal(1, harness.Udp.CommandCount("signal SIGTERM"));
        Assert.Equal(1, harness.Tcp.CommandCount("signal SIGTERM"));
        while (harness.Servers.Changes.TryRead(out _))
        {
        }

        Assert.True(harness.Servers.Changes.Completion.IsCompleted, "the daemon would wait on changes that never come");
        Assert.All(harness.Report.Servers, s => Assert.Equal(("Stopped", false), (s.State, s.Up)));
    }

    [Fact]
    public async Task Before_the_servers_start_reading_sessions_says_so()
    {
        await using var harness = new AccessServersHarness();

        var sessions = await harness.Servers.ReadSessionsAsync(Ct);

        Assert.Empty(sessions.Sessions);
        Assert.Equal("the access servers have not been started yet", Assert.Single(sessions.Unreachable));
        Assert.All(harness.Report.Servers, s => Assert.False(s.Up));
    }
}
