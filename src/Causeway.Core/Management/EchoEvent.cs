namespace Causeway.Core.Management;

/// <summary>`>ECHO:time,text`: a string the server pushed with `echo` (after `echo on`).</summary>
public sealed record EchoEvent(DateTimeOffset Time, string Text) : ManagementEvent;
