using System.Collections.Immutable;
using System.Net;
using Causeway.Core.Access;
using Causeway.Core.Config;
using Causeway.Core.Model;
using Causeway.Engine.Access;
using Causeway.Engine.Daemon;
using Causeway.Engine.OpenVpn;
using Causeway.Linux.Platform;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>
/// <see cref="AccessServers"/> with real supervisors in server mode against fakes: an in-memory file system (configs,
/// PKI, last-seen, and /proc/&lt;pid&gt; of each live openvpn, as the kernel shows it), processes that exit when told
/// (or on `signal SIGTERM`), one <see cref="FakeAccessServer"/> per server on a real unix socket, and a fake clock.
/// <see cref="NextDaemon"/> stands for the next `causeway up` on the same host.
/// </summary>
public sealed class AccessServersHarness : IAsyncDisposable
{
    public const string ServerHost = "vpn.example.net";
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    public static readonly ImmutableArray<IPNetwork> Overlay = [IPNetwork.Parse("10.222.0.0/24"), IPNetwork.Parse("fdcc:ca5e::/64")];

    private readonly TempDirectory _run = new();
    private readonly List<AccessServers> _daemons = [];

    public AccessServersHarness(string accessKeys = "")
    {
        var loaded = ConfigLoader.Load(
            $"""
            [instance]
            name = "engine"
            state_dir = "/var/lib/cw"
            run_dir = "{_run.Path}"

            [overlay]
            zerotier_network = "8bd5124fd6f4d0a1"

            [egress]
            profile = "provider.ovpn"

            [access]
            public_address = "{ServerHost}"
            {accessKeys}
            """,
            "/etc/causeway/causeway.toml");
        Assert.True(loaded.Succeeded, string.Join('\n', loaded.Diagnostics));
        Settings = loaded.Settings!;
        Directory.CreateDirectory(Settings.Instance.OpenVpnDirectory);
        Clients = new AccessClients(Access, Settings.Instance, Files, Time);
        Pki = Clients.Pki.EnsureReady();
        foreach (var server in Access.Servers)
        {
            var fake = new FakeAccessServer(Clients.Paths.ManagementSocket(server));
            fake.Management.AfterReply = command => ExitOnTerminateAsync(fake, server, command);
            Fakes[server.Transport] = fake;
        }

        Launcher.OnStart = ShowInProc;
        Takeover = new AccessServerTakeover(Files, Signals, new UnixSocketConnector(), Time, new TestLogger<AccessServerTakeover>());
        Servers = NewServers();
    }

    /// <summary>
    /// The daemon: a new one (<see cref="NextDaemon"/>) shares the host (files, processes, management sockets, clock)
    /// with the one before.
    /// </summary>
    public AccessServers Servers { get; private set; }

    /// <summary>What the next `causeway up` does first: find the servers left running, take over or stop them.</summary>
    public AccessServerTakeover Takeover { get; }

    /// <summary>The next `causeway up` on this host: a new <see cref="Servers"/> (the previous one must have stopped).</summary>
    public AccessServers NextDaemon() => Servers = NewServers();

    /// <summary>
    /// The next daemon's start: <see cref="AccessServerTakeover.PrepareAsync"/> with the fake clock moving (stopping a
    /// server waits on it), then its servers started, taking over what it found; waits until both are up.
    /// </summary>
    public async Task<System.Collections.Immutable.ImmutableDictionary<AccessTransport, int>> StartNextDaemonAsync(ImmutableArray<IPNetwork>? overlay = null)
    {
        NextDaemon();
        var prepare = Takeover.PrepareAsync(Settings.Instance, Access, overlay ?? Overlay, TestContext.Current.CancellationToken);
        await AdvanceUntilAsync(() => prepare.IsCompleted, "the servers left running to be taken over or stopped");
        var adopt = await prepare;
        await Servers.StartAsync(overlay ?? Overlay, Pki, adopt, TestContext.Current.CancellationToken);
        await WaitForAsync(r => r.Servers.All(s => s.Up) && r.SessionsReadAt is not null && r.Problems.IsEmpty, "both servers up and read");
        return adopt;
    }

    /// <summary>Advances the fake clock in small steps until <paramref name="condition"/> holds (bounded in real time).</summary>
    public Task AdvanceUntilAsync(Func<bool> condition, string what) =>
        Eventually.AdvanceUntilAsync(Time, TimeSpan.FromMilliseconds(100), condition, what, () => $"access status: {Describe(Status.Current.Access)}");

    /// <summary>
    /// Moves the fake clock by <paramref name="jump"/> at once, then waits for <paramref name="condition"/>. A session
    /// poll in flight at the jump times out on it (the jump passes its command timeout too), and the daemon's next
    /// round is one poll interval on: if the condition does not hold soon, the clock moves by that much, and again.
    /// </summary>
    public async Task JumpAsync(TimeSpan jump, Func<bool> condition, string what)
    {
        Time.Advance(jump);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var nudgeAt = DateTime.UtcNow + TimeSpan.FromMilliseconds(500);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}; access status: {Describe(Status.Current.Access)}");
            if (DateTime.UtcNow >= nudgeAt)
            {
                Time.Advance(AccessServers.SessionPollInterval);
                nudgeAt = DateTime.UtcNow + TimeSpan.FromMilliseconds(500);
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>What /proc shows of a live openvpn; it goes when the process exits.</summary>
    public void ShowInProc(FakeRunningProcess process)
    {
        if (!process.Spec.Program.EndsWith("openvpn", StringComparison.Ordinal))
        {
            return;
        }

        var cmdline = string.Join('\0', new[] { process.Spec.Program }.Concat(process.Spec.Arguments)) + "\0";
        Files.AddFile($"/proc/{process.Id}/cmdline", cmdline);
        Files.AddFile($"/proc/{process.Id}/stat", $"{process.Id} (openvpn) S 1 {process.Id}");
        _ = process.Exited.ContinueWith(
            _ => Files.Remove($"/proc/{process.Id}"),
            TaskScheduler.Default);
    }

    private AccessServers NewServers()
    {
        var servers = new AccessServers(
            Access,
            Settings.Instance,
            ServerHost,
            Clients,
            Files,
            (launch, onClientEvent) => new OpenVpnSupervisor(
                launch.ToOpenVpnLaunch("/usr/sbin/openvpn"),
                Launcher,
                Signals,
                new UnixSocketConnector(),
                Files,
                new ScriptedTunnelProbe(),
                Time,
                new TestLogger<OpenVpnSupervisor>())
            {
                OnClientEvent = onClientEvent,
            },
            Status,
            Time,
            new TestLogger<AccessServers>());
        _daemons.Add(servers);
        return servers;
    }

    public CausewaySettings Settings { get; }

    public AccessSettings Access => Settings.Access!;

    public AccessPaths Paths => Clients.Paths;

    public InMemoryFileSystem Files { get; } = new();

    public FakeProcessLauncher Launcher { get; } = new();

    /// <summary>What the takeover and the supervisors signal (kill(2)), and how the signalled process reacts.</summary>
    public FakeSignals Signals { get; } = new();

    public FakeTimeProvider Time { get; } = new(Start);

    public StatusBoard Status { get; } = new(new StatusReport(
        "engine", 1, "0.0.0", Start, new TunnelStatusReport("Stopped", false, Start, null, null, null, null, [], 0, 0, 0, 0, null), null,
        new ReconcileStatusReport(false, null, 0, 0, 0, null, []), new KillSwitchReport(false, false, 0)));

    public AccessClients Clients { get; }

    public AccessPkiStatus Pki { get; }

    public Dictionary<AccessTransport, FakeAccessServer> Fakes { get; } = [];

    public FakeAccessServer Udp => Fakes[AccessTransport.Udp];

    public FakeAccessServer Tcp => Fakes[AccessTransport.Tcp];

    public AccessStatusReport Report => Status.Current.Access ?? throw new InvalidOperationException("no access status yet");

    /// <summary>
    /// Starts both servers and waits until the status says both are up and both were read (a read while one was
    /// still starting names it as a problem; the read its coming up asks for follows).
    /// </summary>
    public async Task StartAsync(ImmutableArray<IPNetwork>? overlay = null)
    {
        await Servers.StartAsync(overlay ?? Overlay, Pki, TestContext.Current.CancellationToken);
        await WaitForAsync(r => r.Servers.All(s => s.Up) && r.SessionsReadAt is not null && r.Problems.IsEmpty, "both servers up and read");
    }

    /// <summary>The live (not exited) process started with this server's config.</summary>
    public FakeRunningProcess ProcessOf(AccessTransport transport)
    {
        var config = Paths.ServerConfig(Access.Servers.Single(s => s.Transport == transport));
        return Launcher.Started.Last(p => p.Spec.Arguments.Contains(config) && !p.Exited.IsCompleted);
    }

    /// <summary>Waits (real clock, bounded) until the access status satisfies <paramref name="predicate"/>.</summary>
    public async Task<AccessStatusReport> WaitForAsync(Func<AccessStatusReport, bool> predicate, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            if (Status.Current.Access is { } report && predicate(report))
            {
                return report;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}; access status: {Describe(Status.Current.Access)}");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits (real clock, bounded) for a condition that is not in the status.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var daemon in _daemons)
        {
            // A server taken over is watched on /proc, on the fake clock: it moves while the daemon stops.
            var disposed = daemon.DisposeAsync().AsTask();
            await AdvanceUntilAsync(() => disposed.IsCompleted, "the daemon to stop");
            await disposed;
        }
        foreach (var fake in Fakes.Values)
        {
            await fake.DisposeAsync();
        }

        _run.Dispose();
    }

    private static string Describe(AccessStatusReport? report) => report is null
        ? "none"
        : $"servers [{string.Join(", ", report.Servers.Select(s => $"{s.Transport} {s.State}"))}], sessions [{string.Join(", ", report.Sessions.Select(s => s.Name))}], read at {report.SessionsReadAt:O}, problems [{string.Join("; ", report.Problems)}]";

    /// <summary>Like OpenVPN: `signal SIGTERM` ends the process, then its socket.</summary>
    private Task ExitOnTerminateAsync(FakeAccessServer fake, AccessServerSettings server, string command)
    {
        if (command == "signal SIGTERM")
        {
            var process = ProcessOf(server.Transport);
            Files.Remove($"/proc/{process.Id}");
            process.Exit(0);
            fake.Management.Disconnect();
        }

        return Task.CompletedTask;
    }
}
