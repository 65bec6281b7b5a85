namespace Causeway.Core.Management;

/// <summary>
/// A line that fits nothing: a reply line with no command waiting for it, or an ENV line outside its block.
/// Reported rather than dropped, so that a protocol mismatch shows up in the log.
/// </summary>
public sealed record UnexpectedLineEvent(string Line) : ManagementEvent;
