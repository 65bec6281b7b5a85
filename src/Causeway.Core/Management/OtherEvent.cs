namespace Causeway.Core.Management;

/// <summary>A real-time message this parser has no type for (`>NEED-OK:`, `>REMOTE:`, `>PK_SIGN:`...).</summary>
public sealed record OtherEvent(string Type, string Payload) : ManagementEvent;
