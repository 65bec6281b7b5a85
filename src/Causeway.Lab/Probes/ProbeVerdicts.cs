namespace Causeway.Lab.Probes;

/// <summary>
/// What the checks conclude from a probe, and how they say it: one definition each, so that every world's checks
/// judge "answered as the provider" or "reached the laptop" alike.
/// </summary>
internal static class ProbeVerdicts
{
    /// <summary>At least one answer, and every answer saw the caller as <paramref name="address"/>.</summary>
    public static bool AnsweredAs(this EchoProbeResult r, string address) =>
        r.Answered > 0 && r.SeenAs.SequenceEqual([address]);

    /// <summary>Every probe sent, every one answered, and every answer saw the caller as <paramref name="address"/>.</summary>
    public static bool AllAnsweredAs(this EchoProbeResult r, string address) =>
        r.Sent == r.Requested && r.Answered == r.Sent && r.SeenAs.SequenceEqual([address]);

    /// <summary>
    /// Every probe sent and every answer from <paramref name="address"/>; every TCP probe answered (TCP retransmits),
    /// at least one UDP probe (a datagram may be lost on a loaded machine, which says nothing about the path).
    /// </summary>
    public static bool Reached(this EchoProbeResult r, string address) =>
        r.Protocol == "tcp" ? r.AllAnsweredAs(address) : r.Sent == r.Requested && r.Answered > 0 && r.SeenAs.SequenceEqual([address]);

    /// <summary>The addresses an echo service saw, for the evidence.</summary>
    public static string Seen(IReadOnlyList<string> seen) => seen.Count == 0 ? "nobody (no answer)" : string.Join("/", seen);

    /// <summary>A DNS probe's answer, for the evidence: its rcode and answers, or why there was none.</summary>
    public static string Describe(this DnsProbeResult r) =>
        r.Answered ? $"rcode {r.ResponseCode}, [{string.Join(", ", r.Answers)}]" : $"no answer ({r.Error})";

    /// <summary>The first line of a command's output (e.g. `ip route get`), for the evidence.</summary>
    public static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
