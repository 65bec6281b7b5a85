namespace Causeway.Engine.Daemon;

/// <summary>What `causeway status` shows: the running daemon's view of the tunnel, the overlay and the host.</summary>
/// <param name="Access">The access servers and their connected clients; null without [access].</param>
/// <param name="Hops">The hops of clients' traffic, the first one down named (docs/status.md); null only from a daemon that predates them.</param>
/// <param name="Reload">The config reloads and how the last went; null only from a daemon that predates them.</param>
public sealed record StatusReport(
    string Instance,
    int Pid,
    string Version,
    DateTimeOffset StartedAt,
    TunnelStatusReport Tunnel,
    OverlayStatusReport? Overlay,
    ReconcileStatusReport Reconcile,
    KillSwitchReport KillSwitch,
    AccessStatusReport? Access = null,
    HopsReport? Hops = null,
    ReloadStatusReport? Reload = null)
{
    /// <summary>The devices clients' traffic crosses, with their bytes and rates; null until first read (and from older daemons).</summary>
    public TrafficReport? Traffic { get; init; }

    /// <summary>This month's bytes through the egress and per access client, and the budget; null until first counted.</summary>
    public EgressUsageReport? EgressUsage { get; init; }

    /// <summary>The overlay gateway's own hops (`[egress] gateway_status_port`); null without one.</summary>
    public GatewayStatusReport? Gateway { get; init; }
}
