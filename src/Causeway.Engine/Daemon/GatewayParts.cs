using Causeway.Engine.Access;
using Causeway.Engine.Boot;
using Causeway.Engine.Hops;
using Causeway.Engine.HostState;
using Causeway.Engine.OpenVpn;
using Causeway.Engine.Seams;
using Causeway.Engine.ZeroTier;

namespace Causeway.Engine.Daemon;

/// <summary>The pieces the gateway daemon drives, built by the composition root.</summary>
/// <remarks><see cref="Access"/>: the access servers (Duo), null without [access].</remarks>
public sealed record GatewayParts(
    IOverlaySource Overlay,
    ITunnelSupervisor Supervisor,
    HostObserver Observer,
    HostApplier Applier,
    StateStore State,
    ConntrackFlusher Conntrack,
    IFileSystem Files,
    TimeProvider Time)
{
    public AccessServers? Access { get; init; }

    /// <summary>What <see cref="Access"/> starts with: the PKI as `up` found it before it changed anything.</summary>
    public AccessPkiStatus? AccessPki { get; init; }

    /// <summary>
    /// Finds the access servers a previous `up` left running: takes over those with the same config, stops the
    /// others (with or without [access] now). Null: nothing is looked for (tests of other parts).
    /// </summary>
    public AccessServerTakeover? AccessTakeover { get; init; }

    /// <summary>The hops of clients' traffic, for the status: told the tunnel's status every round. Null: not watched (tests of other parts).</summary>
    public HopWatch? Hops { get; init; }

    /// <summary>The devices' bytes and rates and the month's egress, for the status. Null: not watched (tests of other parts).</summary>
    public Traffic.TrafficWatch? Traffic { get; init; }

    /// <summary>The overlay gateway's own hops, for the status (`[egress] gateway_status_port`). Null: not read (no overlay gateway, tests of other parts).</summary>
    public Gateway.GatewayStatusWatch? GatewayStatus { get; init; }
    /// <summary>Saves the kill switch of every converged round for `causeway boot`. Null: not saved (tests of other parts).</summary>
    public BootKillSwitchRecorder? BootKillSwitch { get; init; }

    /// <summary>
    /// The kernel's change events (netlink, nftables): a round at once when something on the host changed, so that
    /// drift is repaired within a second and the interval is only the safety net. Null: rounds at the interval and
    /// at the other wakes only (tests of other parts).
    /// </summary>
    public HostChangeWatch? HostChanges { get; init; }

    /// <summary>What SIGHUP asks of the loop (`Instance.HangupGuard`). Null: nothing asks.</summary>
    public ReloadRequests? ReloadRequests { get; init; }

    /// <summary>How a reload reads the config again and rebuilds what it restarts. Null: a reload is refused, saying so.</summary>
    public GatewayReload? Reload { get; init; }

    /// <summary>Gives the GC's unused memory back to the kernel once the daemon has settled. Null: never (tests of other parts).</summary>
    public IdleCompaction? Compaction { get; init; }

    /// <summary>The service manager told about readiness, progress and stopping (systemd's notify socket), or nobody.</summary>
    public IServiceManager ServiceManager { get; init; } = NoServiceManager.Instance;
}
