namespace Causeway.Lab.Probes;

/// <summary>A parsed DNS response, as far as the lab's probe cares.</summary>
/// <param name="Answers">A/AAAA as addresses, TXT as the joined strings, other types as "type N".</param>
public sealed record DnsResponse(ushort Id, int ResponseCode, bool Authoritative, IReadOnlyList<string> Answers);
