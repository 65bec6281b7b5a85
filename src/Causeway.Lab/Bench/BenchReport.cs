namespace Causeway.Lab.Bench;

/// <summary>What `causeway-lab bench` measured on a world. Reports, never gates.</summary>
/// <param name="Seconds">Length of each iperf3 run, after <paramref name="WarmupSeconds"/> left out (iperf3 -O).</param>
/// <param name="Rounds">Throughput rounds; in each, every path runs once per direction.</param>
/// <param name="LoadBefore">The machine's load average before the first run.</param>
/// <param name="LoadAfter">... and after the last throughput run.</param>
/// <param name="Setup">What each tunnel negotiated and ran with.</param>
/// <param name="Comparability">Differences between the two tunnels other than the client's own options (empty when
/// they are comparable).</param>
/// <param name="Summary">Median and spread per path and direction.</param>
/// <param name="Ratios">causeway / openvpn-defaults per direction: the laptop's whole way against a bare tunnel from the
/// gateway itself (the goal, at least 1.0).</param>
/// <param name="TunnelRatios">causeway-tunnel / openvpn-defaults: the two tunnels on the same path, from the gateway
/// itself; what is left between this and <paramref name="Ratios"/> is the cost of the overlay hop and forwarding.</param>
public sealed record BenchReport(
    string World,
    DateTimeOffset StartedAt,
    int Seconds,
    int WarmupSeconds,
    int Rounds,
    string OpenVpnVersion,
    LoadAverage LoadBefore,
    LoadAverage LoadAfter,
    IReadOnlyList<TunnelSetup> Setup,
    IReadOnlyList<string> Comparability,
    IReadOnlyList<ThroughputResult> Throughput,
    IReadOnlyList<ThroughputSummary> Summary,
    IReadOnlyList<DirectionRatio> Ratios,
    IReadOnlyList<DirectionRatio> TunnelRatios,
    FailoverTimes Failover);
