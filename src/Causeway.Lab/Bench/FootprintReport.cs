namespace Causeway.Lab.Bench;

/// <summary>What `causeway-lab bench WORLD --footprint` measured. Reports, never gates.</summary>
/// <param name="RssGoalMegabytes">The goal for the Uno daemon: resident memory at most this.</param>
/// <param name="CpuGoalPercent">... and CPU at most this percent of one core, idle.</param>
/// <param name="StatusGoalMilliseconds">`causeway status` at most this.</param>
public sealed record FootprintReport(
    string World,
    DateTimeOffset StartedAt,
    string CausewayVersion,
    IReadOnlyList<FootprintResult> Results,
    double RssGoalMegabytes,
    double CpuGoalPercent,
    double StatusGoalMilliseconds);
