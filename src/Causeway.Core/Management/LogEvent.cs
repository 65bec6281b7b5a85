namespace Causeway.Core.Management;

/// <summary>`>LOG:time,flags,text` (after `log on`).</summary>
public sealed record LogEvent(LogEntry Entry) : ManagementEvent;
