namespace Causeway.Lab.Status;

/// <summary>One of `hops.items` in `causeway status --json`.</summary>
/// <param name="Id">tunnel, gateway or internet.</param>
/// <param name="State">up, down or unknown.</param>
/// <param name="Since">When it entered <paramref name="State"/>.</param>
/// <param name="Path">For an overlay hop: direct or relayed (ZeroTier's path to the peer); else null.</param>
/// <param name="LookNext">What to look at when it is down.</param>
public sealed record GatewayHop(
    string? Id,
    string? Name,
    string? Reached,
    string? State,
    DateTimeOffset? Since,
    double? LastRoundTripMs,
    int? FailuresInARow,
    string? Path,
    string? LookNext)
{
    public string Describe() =>
        $"{Id} {State}{(Since is { } s ? $" since {s.UtcDateTime:HH:mm:ss}" : string.Empty)}{(Path is { } p ? $" ({p})" : string.Empty)}"
        + (State == "down" && LookNext is { Length: > 0 } next ? $", look next: {next}" : string.Empty);
}
