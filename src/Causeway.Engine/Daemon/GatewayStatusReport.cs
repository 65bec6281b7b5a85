namespace Causeway.Engine.Daemon;

/// <summary>
/// The overlay gateway's own hops, as its read-only status listener last gave them (`[egress] gateway_status_port`):
/// with this host's hops before them, the whole chain of Dinosaur (this host → the gateway → the provider → the
/// internet).
/// </summary>
/// <param name="Source">"address:port" read.</param>
/// <param name="ReadAt">When the last answer came; null before the first.</param>
/// <param name="Error">Why the last reading failed; null while they succeed.</param>
/// <param name="FailingSince">When the readings began to fail; null while they succeed.</param>
/// <param name="Instance">The gateway's instance name; null until read.</param>
/// <param name="Hops">The gateway's hops from its last answer; null while its readings fail (they would be stale).</param>
public sealed record GatewayStatusReport(
    string Source,
    DateTimeOffset? ReadAt,
    string? Error,
    DateTimeOffset? FailingSince,
    string? Instance,
    HopsReport? Hops);
