namespace Causeway.Core.Reload;

/// <summary>
/// What a changed key does to a running `causeway up` when it reloads its config (SIGHUP, `systemctl reload`). Every
/// reload that changes anything ends with a reconcile, so routes, rules and the nft table always follow the new plan;
/// the effect says what restarts on top of that. docs/service.md has the table.
/// </summary>
public enum ReloadEffect
{
    /// <summary>Nothing restarts: the reconcile that follows applies it (only the difference changes).</summary>
    Reconcile,

    /// <summary>The reconcile loop's interval (and the ZeroTier API's poll interval with it).</summary>
    Interval,

    /// <summary>The hop watch restarts: its probes' target or interval changed.</summary>
    Hops,

    /// <summary>
    /// The provider tunnel restarts (OpenVPN reads its config only when it starts), or, with an overlay gateway, the
    /// watch on the gateway; the hop watch with it. The kill switch holds meanwhile.
    /// </summary>
    Tunnel,

    /// <summary>The access servers restart with their new configs; their clients reconnect by themselves.</summary>
    AccessServers,

    /// <summary>Cannot change while `up` runs (names Causeway owns, the overlay it watches): the reload is refused.</summary>
    Restart,
}
