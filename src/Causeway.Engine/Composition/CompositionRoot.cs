using Causeway.Core.Model;
using Causeway.Engine.Access;
using Causeway.Engine.Backup;
using Causeway.Engine.Boot;
using Causeway.Engine.Daemon;
using Causeway.Engine.Doctor;
using Causeway.Engine.Gateway;
using Causeway.Engine.Hops;
using Causeway.Engine.HostState;
using Causeway.Engine.Instance;
using Causeway.Engine.OpenVpn;
using Causeway.Engine.Preflight;
using Causeway.Engine.Seams;
using Causeway.Engine.Traffic;
using Causeway.Engine.ZeroTier;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Causeway.Engine.Composition;

/// <summary>
/// The one composition root: every part a command or the daemon's host uses is built here, from one
/// <see cref="Seams.Machine"/>. The `causeway` binary makes it over the Linux machine (`Cli.CliComposition`); tests
/// make it over fakes, and so get exactly what `up` and `down` run.
/// </summary>
public sealed class CompositionRoot(Machine machine) : IDisposable
{
    public Machine Machine { get; } = machine;

    public IFileSystem Files => Machine.Files;

    public TimeProvider Time => Machine.Time;

    /// <summary>
    /// Finds (and checks) the programs a command will run, before it changes anything: from fixed directories,
    /// root's alone (<see cref="IPrograms"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">One is missing, or someone other than root could change it.</exception>
    public void RequirePrograms(params string[] names)
    {
        foreach (var name in names)
        {
            Machine.Programs.Resolve(name);
        }
    }

    public ConfigReader ConfigReader() => new(Machine.Files, Machine.Identity);

    public GatewayInputsReader InputsReader() => new(Machine.Files, Machine.Identity);

    public AccessPreflight AccessPreflight() => new(Machine.Commands, Machine.Files, Machine.Time);

    public AccessClients AccessClients(AccessSettings access, InstanceSettings instance) => new(access, instance, Machine.Files, Machine.Time);

    /// <summary>`causeway backup`: what a new host needs, read through the file seam.</summary>
    public BackupMaker BackupMaker() => new(Machine.Files, Machine.Identity, Machine.Time);

    /// <summary>`causeway restore`: a backup checked, then written.</summary>
    public BackupRestorer BackupRestorer() => new(Machine.Files, Machine.Identity, Machine.Time);

    public OverlayResolver OverlayResolver(ILoggerFactory logging) =>
        new(Machine.Files, Machine.Commands, Machine.Time, logger: logging.CreateLogger<OverlayResolver>());

    public HostObserver HostObserver() => new(Machine.Commands, Machine.Files);

    /// <summary>`causeway doctor`'s reading of the host (it owns its ZeroTier resolver: dispose it).</summary>
    public DoctorGatherer Doctor() => new(Machine, OverlayResolver(NullLoggerFactory.Instance));

    /// <summary>The SIGHUP guard of `up`, registered at once; until <see cref="HangupGuard.LogTo"/>, it says so on <paramref name="early"/>.</summary>
    public HangupGuard GuardHangup(TextWriter early) => HangupGuard.Register(Machine.Signals, early);

    /// <summary>One `up` per instance (<see cref="InstanceLock.TryAcquire"/>), with this process's pid.</summary>
    public InstanceLock? TryLockInstance(InstanceSettings instance, out int? holder) =>
        InstanceLock.TryAcquire(Machine.Files, Machine.Identity, instance.LockFilePath, out holder);

    public RunningDaemon RunningDaemon() => new(Machine.Files, Machine.Signals, Machine.Time);

    public DaemonSockets DaemonSockets() => new(Machine.Files);

    /// <summary>What `causeway down` runs once no daemon holds the instance: the access servers stopped, then the host undone.</summary>
    public GatewayTeardown Teardown(InstanceSettings instance, ILogger logger)
    {
        var state = StateStore.For(Machine.Files, instance);
        return new GatewayTeardown(
            HostObserver(),
            new HostApplier(Machine.Commands, Machine.Files, state),
            state,
            Machine.Files,
            logger,
            AccessServerTakeover(logger))
        {
            BootKillSwitch = BootKillSwitchStore.For(Machine.Files, instance),
        };
    }

    /// <summary>`causeway boot`: the kill switch saved in <paramref name="stateDirectory"/> put back, with no config read.</summary>
    public BootStep BootStep(string stateDirectory) => new(new BootKillSwitchStore(Machine.Files, stateDirectory), Machine.Commands);

    /// <summary>The pieces the daemon of `causeway up` drives.</summary>
    /// <param name="access">What `up` found about [access] before it changed anything (null without [access]).</param>
    /// <param name="reloads">What SIGHUP asks for (<see cref="HangupGuard.Requests"/>); null: nothing asks.</param>
    public GatewayParts GatewayParts(
        GatewayInputs inputs, AccessPreflightResult? access, StatusBoard status, ILoggerFactory logging, ReloadRequests? reloads = null)
    {
        var instance = inputs.Settings.Instance;
        var supervisor = EgressSupervisor(inputs.Settings, logging);
        var state = StateStore.For(Machine.Files, instance);
        return new GatewayParts(
            OverlayResolver(logging),
            supervisor,
            HostObserver(),
            new HostApplier(Machine.Commands, Machine.Files, state),
            state,
            new ConntrackFlusher(Machine.Commands),
            Machine.Files,
            Machine.Time)
        {
            Access = AccessServers(inputs, access, status, logging),
            AccessPki = access?.Pki,
            AccessTakeover = AccessServerTakeover(logging.CreateLogger<AccessServerTakeover>()),
            Hops = HopWatch(inputs.Settings, status, logging, supervisor),
            Traffic = new TrafficWatch(TrafficWatchSettings.From(inputs.Settings), Machine.Files, status, Machine.Time, logging.CreateLogger<TrafficWatch>()),
            GatewayStatus = inputs.Settings.Egress.IsOverlayGateway
                ? new GatewayStatusWatch(inputs.Settings.Egress.OverlayGateway, inputs.Settings.Egress.GatewayStatusPort, status, Machine.Time, logging.CreateLogger<GatewayStatusWatch>())
                : null,
            BootKillSwitch = new BootKillSwitchRecorder(BootKillSwitchStore.For(Machine.Files, instance), logging.CreateLogger<BootKillSwitchRecorder>()),
            HostChanges = new HostChangeWatch(Machine.Processes, Machine.Time, logging.CreateLogger<HostChangeWatch>()),
            Compaction = new IdleCompaction(Machine.Time, Machine.Memory),
            ReloadRequests = reloads,
            Reload = new GatewayReload(
                () => InputsReader().Read(inputs.Settings.ConfigPath, PreflightOptions.Up),
                settings => EgressSupervisor(settings, logging),
                (settings, egress) => HopWatch(settings, status, logging, egress)),
            ServiceManager = Machine.ServiceManager,
        };
    }

    /// <summary>
    /// The hops of clients' traffic for the status; it publishes them (all unknown) at once. An overlay gateway's
    /// supervisor measures the first hop itself (round trip, losses).
    /// </summary>
    public HopWatch HopWatch(CausewaySettings settings, StatusBoard status, ILoggerFactory logging, ITunnelSupervisor egress) => new(
        HopWatchSettings.From(settings),
        Machine.NewTunnelProbe(),
        settings.Overlay.Source is ZeroTierOverlaySource zeroTier ? new ZeroTierPeerPathSource(zeroTier, Machine.Commands, Machine.Files) : null,
        status,
        Machine.Time,
        logging.CreateLogger<HopWatch>(),
        egress is OverlayGatewaySupervisor gateway ? () => gateway.Health : null);

    public void Dispose() => Machine.Dispose();

    private AccessServerTakeover AccessServerTakeover(ILogger logger) =>
        new(Machine.Files, Machine.Signals, Machine.Sockets, Machine.Time, logger);

    /// <summary>The provider tunnel's OpenVPN, or, with an overlay gateway, the watch on the gateway that runs one.</summary>
    private ITunnelSupervisor EgressSupervisor(CausewaySettings settings, ILoggerFactory logging)
    {
        var interval = TimeSpan.FromSeconds(settings.Egress.Tuning.PingSeconds);
        if (settings.Egress.OverlayGateway is { } gateway)
        {
            return new OverlayGatewaySupervisor(gateway, Machine.NewTunnelProbe(), interval, Machine.Time, logging.CreateLogger<OverlayGatewaySupervisor>());
        }

        var instance = settings.Instance;
        var launch = new OpenVpnLaunch("openvpn", instance.OpenVpnConfigPath, instance.ManagementSocketPath, instance.OpenVpnPidPath)
        {
            ProbeInterval = interval,
        };
        return Supervisor(launch, logging.CreateLogger<OpenVpnSupervisor>());
    }

    private OpenVpnSupervisor Supervisor(OpenVpnLaunch launch, ILogger logger, Action<Core.Management.ClientEvent>? onClientEvent = null) =>
        new(launch, Machine.Processes, Machine.Signals, Machine.Sockets, Machine.Files, Machine.NewTunnelProbe(), Machine.Time, logger)
        {
            OnClientEvent = onClientEvent,
        };

    private AccessServers? AccessServers(GatewayInputs inputs, AccessPreflightResult? preflight, StatusBoard status, ILoggerFactory logging)
    {
        if (inputs.Settings.Access is not { } access)
        {
            return null;
        }

        if (preflight is not { ServerHost: { } serverHost, Pki: not null })
        {
            throw new InvalidOperationException("[access] needs its preflight (server host and PKI) before the daemon starts");
        }

        var instance = inputs.Settings.Instance;
        return new AccessServers(
            access,
            instance,
            serverHost,
            AccessClients(access, instance),
            Machine.Files,
            (launch, onClientEvent) => Supervisor(
                launch.ToOpenVpnLaunch("openvpn"),
                logging.CreateLogger($"Causeway.Access.{launch.Server.TransportName.ToUpperInvariant()}Server"),
                onClientEvent),
            status,
            Machine.Time,
            logging.CreateLogger<AccessServers>());
    }
}
