using System.Collections.Immutable;
using Causeway.Core.Hops;
using Causeway.Core.Model;

namespace Causeway.Engine.Traffic;

/// <summary>What the traffic watch needs of the config: which devices to read, where the month's counts are kept.</summary>
/// <param name="TunnelDevice">The provider tunnel's device; null with an overlay gateway (whose egress is the overlay device, known at run time).</param>
/// <param name="AccessDevices">Each access server's transport ("udp", "tcp") and device.</param>
/// <param name="UsagePath">The month's counts in the state directory.</param>
/// <param name="BudgetBytes">`[egress] monthly_budget_gb` in bytes; null: none.</param>
public sealed record TrafficWatchSettings(
    string? TunnelDevice,
    ImmutableArray<(string Transport, string Device)> AccessDevices,
    string UsagePath,
    long? BudgetBytes)
{
    /// <summary>The hop the egress device carries: the tunnel, or the gateway.</summary>
    public string EgressHop => TunnelDevice is null ? EgressHops.GatewayId : EgressHops.TunnelId;

    public static TrafficWatchSettings From(CausewaySettings settings) => new(
        settings.Egress.IsOverlayGateway ? null : settings.Egress.DeviceName,
        settings.Access is { } access ? [.. access.Servers.Select(s => (s.TransportName, s.DeviceName))] : [],
        settings.Instance.EgressUsagePath,
        settings.Egress.MonthlyBudgetBytes);
}
