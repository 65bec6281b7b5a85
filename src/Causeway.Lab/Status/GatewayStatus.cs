namespace Causeway.Lab.Status;

/// <summary>The part of `causeway status --json` the lab reads (unknown fields are ignored).</summary>
public sealed record GatewayStatus(
    string? Instance,
    int? Pid,
    GatewayTunnelStatus? Tunnel,
    GatewayReconcileStatus? Reconcile,
    GatewayKillSwitchStatus? KillSwitch,
    GatewayHops? Hops = null,
    GatewayUpstreamStatus? Gateway = null)
{
    public bool IsConnected => Tunnel?.Connected == true;

    public bool IsConvergedAndConnected => IsConnected && Reconcile?.Converged == true;

    public string Summary =>
        $"tunnel {Tunnel?.State ?? "?"}{(Tunnel?.LocalAddress is { } a ? $" as {a}" : string.Empty)}, "
        + $"{(Reconcile?.Converged == true ? "converged" : "not converged")}, reconnects {Tunnel?.Reconnects ?? 0}, "
        + $"repairs {Reconcile?.Repairs ?? 0}"
        + (Tunnel?.LastError is { Length: > 0 } e ? $", last error: {e}" : string.Empty);
}
