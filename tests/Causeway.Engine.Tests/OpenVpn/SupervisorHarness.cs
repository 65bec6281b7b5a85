using Causeway.Core.Management;
using Causeway.Core.Tunnel;
using Causeway.Engine.OpenVpn;
using Causeway.Linux.Platform;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.Engine.Tests.OpenVpn;

/// <summary>
/// An <see cref="OpenVpnSupervisor"/> against fakes: processes that exit when told, an in-memory file system, a
/// management server on a real unix socket that behaves like OpenVPN 2.6.14, and a fake clock. In server mode the
/// fake greets without a hold and its state history ends CONNECTED (an access server after its initialisation).
/// </summary>
public sealed class SupervisorHarness : IAsyncDisposable
{
    public const string ConfigPath = "/run/cw/openvpn/client.conf";
    public const string PidPath = "/run/cw/openvpn/openvpn.pid";

    private readonly TempDirectory _directory = new();

    /// <summary>What a server answers to `state on all` once it has initialised.</summary>
    public static readonly string[] ServerStateHistory =
        ["SUCCESS: real-time state notification set to ON", "1795607950,CONNECTED,SUCCESS,10.9.0.1,,,,", "END"];

    public SupervisorHarness(OpenVpnMode mode = OpenVpnMode.Client)
    {
        Clock = new TimerDrivenClock(Time);
        Launch = new OpenVpnLaunch("/usr/sbin/openvpn", ConfigPath, _directory.File("m.sock"), PidPath) { Mode = mode, Name = $"test {mode}" };
        Server = new FakeManagementServer(Launch.ManagementSocketPath);
        if (mode == OpenVpnMode.Server)
        {
            Server.Hello = [FakeManagementServer.Greeting];
            Server.Reply = command => command == "state on all" ? ServerStateHistory : ServerReply(command);
        }

        Server.AfterReply = async command =>
        {
            if (command == "hold release" && ConnectOnRelease)
            {
                await Server.SendAsync(FakeManagementServer.ConnectSequence);
            }
            else if (command == "signal SIGTERM" && ExitOnTerminate)
            {
                await Server.SendAsync(">STATE:1795599742,EXITING,SIGTERM,,,,,");
                Launcher.Started.LastOrDefault()?.Exit(0);
                Server.Disconnect();
            }
        };
        Supervisor = new OpenVpnSupervisor(
            Launch, Launcher, Signals, new UnixSocketConnector(), FileSystem, Probe, Clock, Log)
        {
            OnClientEvent = e => ClientEvents.Enqueue(e),
        };
    }

    /// <summary>The `>CLIENT:` notices the supervisor passed on, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<ClientEvent> ClientEvents { get; } = new();

    /// <summary>In server mode, what the fake answers besides `state on all` (default: as OpenVPN 2.6 does).</summary>
    public Func<string, IReadOnlyList<string>> ServerReply { get; set; } = FakeManagementServer.DefaultReply;

    public OpenVpnLaunch Launch { get; }

    public FakeManagementServer Server { get; }

    public FakeProcessLauncher Launcher { get; } = new();

    /// <summary>What the supervisor signals (kill(2)), and how the signalled process reacts.</summary>
    public FakeSignals Signals { get; } = new();

    /// <summary>Holds the pid file's directory (the supervisor writes the pid file there) and whatever /proc a test adds.</summary>
    public InMemoryFileSystem FileSystem { get; } = new InMemoryFileSystem().AddDirectory("/run/cw/openvpn");

    public ScriptedTunnelProbe Probe { get; } = new();

    public FakeTimeProvider Time { get; } = new();

    /// <summary>The supervisor's clock: <see cref="Time"/>, telling the test each timer the supervisor sets.</summary>
    public TimerDrivenClock Clock { get; }

    /// <summary>What the supervisor logged.</summary>
    public TestLogger<OpenVpnSupervisor> Log { get; } = new();

    public OpenVpnSupervisor Supervisor { get; }

    /// <summary>Answer `hold release` with the connect sequence (WAIT, AUTH, ASSIGN_IP, UPDOWN:UP, CONNECTED).</summary>
    public bool ConnectOnRelease { get; set; } = true;

    /// <summary>Exit (code 0, EOF) on `signal SIGTERM`, like OpenVPN.</summary>
    public bool ExitOnTerminate { get; set; } = true;

    public FakeRunningProcess Current => Launcher.Started.Last();

    public async Task<TunnelStatus> StartAndConnectAsync()
    {
        await Supervisor.StartAsync(TestContext.Current.CancellationToken);
        return await WaitForAsync(s => s.State == TunnelState.Connected, "CONNECTED");
    }

    /// <summary>openvpn dies: its exit code, then EOF on the management socket.</summary>
    public void Crash(int code)
    {
        Current.Exit(code);
        Server.Disconnect();
    }

    /// <summary>Waits (real clock, bounded) until the status satisfies <paramref name="predicate"/>.</summary>
    public async Task<TunnelStatus> WaitForAsync(Func<TunnelStatus, bool> predicate, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var status = Supervisor.Current;
            if (predicate(status))
            {
                return status;
            }

            try
            {
                if (!await Supervisor.Updates.WaitToReadAsync(timeout.Token))
                {
                    status = Supervisor.Current;
                    Assert.True(predicate(status), $"the supervisor stopped before {what}; status: {status}");
                    return status;
                }

                Supervisor.Updates.TryRead(out _);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out waiting for {what}; status: {Supervisor.Current}");
            }
        }
    }

    /// <summary>Advances the fake clock in steps until <paramref name="condition"/> holds (bounded in real time).</summary>
    public Task AdvanceUntilAsync(Func<bool> condition, TimeSpan step, string what) =>
        Eventually.AdvanceUntilAsync(Time, step, condition, what, () => $"status: {Supervisor.Current}");

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Launcher.Started)
        {
            process.Exit(0);
        }

        Server.Disconnect();
        await Supervisor.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await Supervisor.DisposeAsync();
        await Server.DisposeAsync();
        _directory.Dispose();
    }
}
