using System.Collections.Immutable;

namespace Causeway.Engine.Daemon;

/// <summary>This month's traffic through the egress and per access client, against the optional budget (docs/status.md, `egressUsage`).</summary>
/// <param name="Month">The UTC month counted, "yyyy-MM"; the counts start again at 00:00 UTC on the 1st.</param>
/// <param name="CountingSince">The month's start, or when counting began if later.</param>
/// <param name="UpdatedAt">The last reading counted.</param>
/// <param name="Device">The egress device counted.</param>
/// <param name="SentBytes">Sent through the egress device this month (towards the provider or the gateway).</param>
/// <param name="ReceivedBytes">Received on it.</param>
/// <param name="Clients">Per access client, by name.</param>
/// <param name="CountedBytes">What the budget is compared with: <paramref name="SentBytes"/> plus what was sent to every access client.</param>
/// <param name="BudgetBytes">`[egress] monthly_budget_gb` in bytes; null without a budget.</param>
/// <param name="BudgetUsedPercent">CountedBytes of BudgetBytes, in percent (to 0.1); null without a budget.</param>
/// <param name="ThresholdsReached">The thresholds (80, 100) reached this month.</param>
/// <param name="Warning">The warning for the highest threshold reached; null below 80% or without a budget.</param>
public sealed record EgressUsageReport(
    string Month,
    DateTimeOffset CountingSince,
    DateTimeOffset? UpdatedAt,
    string? Device,
    long SentBytes,
    long ReceivedBytes,
    ImmutableArray<ClientUsageReport> Clients,
    long CountedBytes,
    long? BudgetBytes,
    double? BudgetUsedPercent,
    ImmutableArray<int> ThresholdsReached,
    string? Warning);
