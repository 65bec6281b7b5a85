namespace Causeway.Core.Management;

/// <summary>
/// A real-time message: a `>TYPE:payload` line (or a `>UPDOWN:`/`>CLIENT:` block with its ENV lines). These arrive
/// at any moment, also between a command and its reply.
/// </summary>
public abstract record ManagementEvent : ManagementMessage;
