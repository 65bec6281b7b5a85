namespace Causeway.Lab.Probes;

/// <summary>What a DNS probe got back.</summary>
/// <param name="ResponseCode">The RCODE (0 = NOERROR, 3 = NXDOMAIN), null when nothing answered.</param>
/// <param name="Answers">A/AAAA addresses and TXT strings, as text.</param>
public sealed record DnsProbeResult(
    string Server,
    string Transport,
    string Name,
    string Type,
    bool Answered,
    int? ResponseCode,
    IReadOnlyList<string> Answers,
    string? Error,
    long ElapsedMilliseconds);
