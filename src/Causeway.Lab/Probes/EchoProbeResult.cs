namespace Causeway.Lab.Probes;

/// <summary>What an echo probe saw: how many probes left, how many were answered, and as whom the caller was seen.</summary>
/// <param name="Sent">Probes handed to the kernel without error (UDP datagrams, TCP connection attempts).</param>
/// <param name="SeenAs">Distinct caller addresses the echo service reported.</param>
/// <param name="Errors">Distinct socket errors, e.g. "HostUnreachable", "TimedOut".</param>
public sealed record EchoProbeResult(
    string Protocol,
    string Target,
    int Requested,
    int Sent,
    int Answered,
    IReadOnlyList<string> SeenAs,
    IReadOnlyList<string> Errors,
    long ElapsedMilliseconds);
