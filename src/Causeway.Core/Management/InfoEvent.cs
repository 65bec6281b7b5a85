namespace Causeway.Core.Management;

/// <summary>`>INFO:text`, e.g. the greeting `OpenVPN Management Interface Version 5 -- type 'help' for more info`.</summary>
/// <param name="ManagementVersion">The N of a greeting's "Version N"; null for other INFO lines.</param>
public sealed record InfoEvent(string Text, int? ManagementVersion) : ManagementEvent;
