namespace Causeway.Lab.Bench;

/// <summary>What `causeway lab bench` measured on a world. Reports, never gates.</summary>
public sealed record BenchReport(
    string World,
    DateTimeOffset StartedAt,
    int Seconds,
    string OpenVpnVersion,
    IReadOnlyList<ThroughputResult> Throughput,
    FailoverTimes Failover);
