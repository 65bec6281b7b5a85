namespace Causeway.Lab.Bench;

/// <summary>What `causeway-lab bench duo` measured: a phone's throughput to the internet over each transport. Reports, never gates.</summary>
/// <param name="Rounds">Each round measures UDP, then TCP, both directions; the summary takes the medians.</param>
/// <param name="Throughput">
/// Every run: path udp-1194 or tcp-443 (the open network's phone to the internet, on one transport or the other),
/// tcp-443-cafe (the café's phone, whose network drops UDP), udp-1194-vm and tcp-443-vm (the open network's phone to
/// the VM's own end of its tunnel: the access hop alone, without the provider's).
/// </param>
/// <param name="Ratios">TCP 443 against UDP 1194 for the same phone, to the internet and to the VM, per direction and both together.</param>
/// <param name="Errors">Rounds that could not be measured, with why.</param>
public sealed record DuoBenchReport(
    string World,
    DateTimeOffset StartedAt,
    int Seconds,
    int Rounds,
    string OpenVpnVersion,
    IReadOnlyList<ThroughputResult> Throughput,
    IReadOnlyList<TransportRatio> Ratios,
    double Goal,
    IReadOnlyList<string> Errors);
