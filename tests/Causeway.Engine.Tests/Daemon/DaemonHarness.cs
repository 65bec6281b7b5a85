using System.Collections.Immutable;
using System.Net;
using Causeway.Core.Config;
using Causeway.Core.Model;
using Causeway.Core.Planning;
using Causeway.Core.Profiles;
using Causeway.Engine.Boot;
using Causeway.Engine.Daemon;
using Causeway.Engine.HostState;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>
/// <see cref="GatewayDaemon"/> without root and without sleeping: the real observer, applier, state store and
/// conntrack flusher over a <see cref="FakeNetworkHost"/> and an <see cref="InMemoryFileSystem"/>, a
/// <see cref="FakeOverlaySource"/>, a <see cref="FakeTunnelSupervisor"/>, and a clock that moves only when the test
/// says. The loop's only timer is its wait between rounds, so a timer created on the clock means "the loop is waiting
/// again": every step below returns then, after exactly one round.
/// </summary>
internal sealed class DaemonHarness : IAsyncDisposable
{
    public const string OverlayInterface = "zt0";
    public const string TunnelDevice = "tuncw0";
    public const string ConfigPath = "/etc/causeway/causeway.toml";
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private const string Certificate = "-----BEGIN CERTIFICATE-----\nMIIBfakefakefakefake\n-----END CERTIFICATE-----\n";

    private readonly CancellationTokenSource _stop = new();
    private Task? _run;
    private int _disposed;

    /// <param name="settingsTail">More of the config, e.g. an [access] section.</param>
    /// <param name="access">Makes the access servers from the harness (with [access]); null: none.</param>
    /// <param name="hops">Makes the hop watch from the harness (on a clock of its own, so that the loop's is its wait alone); null: none.</param>
    /// <param name="watchdog">The service manager's watchdog timeout ($WATCHDOG_USEC); null: none.</param>
    /// <param name="hostChanges">
    /// Watches the host's change events (`ip monitor`, `nft monitor`) through <see cref="Monitors"/>, on a clock of its
    /// own (<see cref="ChangeClock"/>), so that the loop's is its wait alone; false: no watch.
    /// </param>
    public DaemonHarness(
        string settingsTail = "",
        Func<DaemonHarness, (AccessServers Servers, Causeway.Engine.Access.AccessPkiStatus Pki)>? access = null,
        Func<DaemonHarness, Causeway.Engine.Hops.HopWatch>? hops = null,
        TimeSpan? watchdog = null,
        bool hostChanges = false,
        FakeProcessMemory? memory = null)
    {
        InitialConfig = ConfigText =
            $"""
            [instance]
            name = "loop"
            state_dir = "/var/lib/loop"
            run_dir = "/run/loop"
            reconcile_interval_seconds = {Interval.TotalSeconds}

            [overlay]
            zerotier_network = "8bd5124fd6f4d0a1"

            [egress]
            profile = "provider.ovpn"
            device = "{TunnelDevice}"
            {settingsTail}
            """;
        var loaded = ConfigLoader.Load(InitialConfig, ConfigPath);
        Assert.True(loaded.Succeeded, string.Join('\n', loaded.Diagnostics));
        Settings = loaded.Settings!;
        Clock = new TimerDrivenClock(Fake);
        Host = new FakeNetworkHost(Files);
        Host.AddLink(OverlayInterface);
        Tunnel = new FakeTunnelSupervisor(Clock) { OnStart = () => OnTunnelStart?.Invoke() };
        Egresses.Add(Tunnel);
        Service = new FakeServiceManager(watchdog);

        var profile = ProfileSanitizer.Sanitize(
            ProfileParser.Parse($"client\nremote vpn.example.net 1194\n<ca>\n{Certificate}</ca>\n", "/etc/causeway/provider.ovpn"), _ => null);
        Assert.NotNull(profile.Profile);
        var inputs = new GatewayInputs(Settings, profile.Profile, TunnelConfig(Settings));
        var state = StateStore.For(Files, Settings.Instance);
        var parts = new GatewayParts(
            Overlay, Tunnel, new HostObserver(Host, Files), new HostApplier(Host, Files, state), state, new ConntrackFlusher(Host), Files, Clock)
        {
            BootKillSwitch = new BootKillSwitchRecorder(BootKillSwitchStore.For(Files, Settings.Instance), new TestLogger<BootKillSwitchRecorder>()),
            ServiceManager = Service,
            ReloadRequests = Reloads,
            Reload = new GatewayReload(
                () => ReadConfig(profile.Profile!),
                _ =>
                {
                    var made = new FakeTunnelSupervisor(Clock);
                    lock (Egresses)
                    {
                        Egresses.Add(made);
                    }

                    return made;
                },
                (_, _) => null),
        };
        if (access is not null)
        {
            var (servers, pki) = access(this);
            parts = parts with { Access = servers, AccessPki = pki };
        }

        if (hops is not null)
        {
            parts = parts with { Hops = hops(this) };
        }

        if (hostChanges)
        {
            HostChanges = new HostChangeWatch(Monitors, ChangeClock, new TestLogger<HostChangeWatch>());
            parts = parts with { HostChanges = HostChanges };
        }

        if (memory is not null)
        {
            parts = parts with { Compaction = new IdleCompaction(Clock, memory) };
        }

        Daemon = new GatewayDaemon(inputs, parts, Status, Log);
    }

    public CausewaySettings Settings { get; }

    /// <summary>The config the daemon started with.</summary>
    public string InitialConfig { get; }

    /// <summary>What the config file says now: read again at a reload (<see cref="ReloadAsync"/>).</summary>
    public string ConfigText { get; set; }

    /// <summary>The service manager the daemon tells about itself (systemd's notify socket).</summary>
    public FakeServiceManager Service { get; }

    /// <summary>What SIGHUP asks of the loop.</summary>
    public ReloadRequests Reloads { get; } = new();

    /// <summary>Every egress supervisor the daemon ran, in order: <see cref="Tunnel"/> first, then one per reload that restarted it.</summary>
    public List<FakeTunnelSupervisor> Egresses { get; } = [];

    /// <summary>The reconcile interval the loop waits now (a reload may change it).</summary>
    public TimeSpan CurrentInterval { get; set; } = Interval;

    public OwnedNames Owned => OwnedNames.From(Settings.Instance);

    public FakeTimeProvider Fake { get; } = new(Start);

    public TimerDrivenClock Clock { get; }

    /// <summary>The host change watch's clock (its debounce), apart from the loop's.</summary>
    public TimerDrivenClock ChangeClock { get; } = new(new FakeTimeProvider(Start));

    /// <summary>Where the host change watch starts its monitors.</summary>
    public FakeProcessLauncher Monitors { get; } = new();

    /// <summary>The watch over <see cref="Monitors"/>; null without one.</summary>
    public HostChangeWatch? HostChanges { get; }

    public InMemoryFileSystem Files { get; } = new();

    public FakeNetworkHost Host { get; }

    public FakeOverlaySource Overlay { get; } = new(FakeOverlaySource.Facts(OverlayInterface, "10.222.0.1", "10.222.0.0/24", "fdcc:ca5e::/64"));

    public FakeTunnelSupervisor Tunnel { get; }

    /// <summary>What the daemon does at the moment it starts OpenVPN (set before <see cref="StartAsync"/>).</summary>
    public Action? OnTunnelStart { get; set; }

    public StatusBoard Status { get; } = new(new StatusReport(
        "loop", 1, "0.0.0", Start, new TunnelStatusReport("Stopped", false, Start, null, null, null, null, [], 0, 0, 0, 0, null), null,
        new ReconcileStatusReport(false, null, 0, 0, 0, null, []), new KillSwitchReport(false, false, 0)));

    public GatewayDaemon Daemon { get; }

    /// <summary>What the daemon logged, as "Level: message" lines.</summary>
    public TestLogger<GatewayDaemon> Log { get; } = new();

    public ReconcileStatusReport Reconcile => Status.Current.Reconcile;

    /// <summary>The conntrack flushes so far, one line per source network.</summary>
    public IReadOnlyList<string> ConntrackFlushes => [.. Host.Ran.Where(l => l.StartsWith("conntrack ", StringComparison.Ordinal))];

    /// <summary>`causeway up`: returns once the loop waits for its first round (the kill switch in, OpenVPN started).</summary>
    public async Task StartAsync()
    {
        _run = Daemon.RunAsync(_stop.Token);
        await WaitingAsync();
    }

    /// <summary>The reconcile interval passes: one round.</summary>
    public async Task RoundAsync()
    {
        Fake.Advance(CurrentInterval);
        await WaitingAsync();
    }

    /// <summary>SIGHUP: the config is read again (<see cref="ConfigText"/>) and the loop does one round after it.</summary>
    public async Task ReloadAsync()
    {
        Reloads.Request();
        await WaitingAsync();
    }

    /// <summary>OpenVPN connects (its device appears first, as with the real one): one round, woken by the status.</summary>
    public async Task ConnectAsync(long generation, string local = "10.8.0.2")
    {
        Host.AddLink(TunnelDevice);
        Tunnel.Connect(IPAddress.Parse(local), TunnelDevice, generation);
        await WaitingAsync();
    }

    /// <summary>Any other tunnel status change: one round.</summary>
    public async Task PublishAsync(Causeway.Core.Tunnel.TunnelStatus status)
    {
        Tunnel.Publish(status);
        await WaitingAsync();
    }

    /// <summary>Until the loop waits again (real time, bounded); fails at once if the daemon ended instead.</summary>
    public async Task WaitingAsync()
    {
        var run = _run ?? throw new InvalidOperationException("the daemon was not started");
        var timer = Clock.NextTimerAsync(TestContext.Current.CancellationToken);
        if (await Task.WhenAny(timer, run) == run)
        {
            await run;
            Assert.Fail("the daemon returned while it should run");
        }

        Assert.Equal(CurrentInterval, await timer);
    }

    /// <summary>Stands for the rendered OpenVPN client config: it changes with the device, like the real one.</summary>
    private static string TunnelConfig(CausewaySettings settings) => $"client\ndev {settings.Egress.DeviceName}\n";

    /// <summary>What `up`'s reader makes of <see cref="ConfigText"/>: the settings, or every finding with file:line:column.</summary>
    private GatewayInputsResult ReadConfig(SanitizedProfile profile)
    {
        var loaded = ConfigLoader.Load(ConfigText, ConfigPath);
        var findings = loaded.Diagnostics.Select(d => d.ToString()).ToImmutableArray();
        return loaded.Succeeded
            ? new GatewayInputsResult(new GatewayInputs(loaded.Settings!, profile, TunnelConfig(loaded.Settings!)), findings, HasErrors: false, loaded.Settings)
            : new GatewayInputsResult(null, findings, HasErrors: true);
    }

    /// <summary>SIGTERM: the daemon stops (and the harness with it); idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_run is not null)
        {
            try
            {
                await _run;
            }
            catch (OperationCanceledException)
            {
                // Stopped, as asked.
            }
        }

        _stop.Dispose();
    }
}
