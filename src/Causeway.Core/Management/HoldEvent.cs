namespace Causeway.Core.Management;

/// <summary>
/// `>HOLD:Waiting for hold release:N`: OpenVPN is hibernating until `hold release`. N is how long it would have
/// waited on its own (its connect-retry backoff); 0 when the line carries no number.
/// </summary>
public sealed record HoldEvent(string Text, int WaitSeconds) : ManagementEvent;
