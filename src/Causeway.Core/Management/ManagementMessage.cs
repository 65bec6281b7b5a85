namespace Causeway.Core.Management;

/// <summary>What one or more lines from the management interface amount to: an event or a command's reply.</summary>
public abstract record ManagementMessage;
