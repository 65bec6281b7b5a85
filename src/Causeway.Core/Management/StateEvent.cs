namespace Causeway.Core.Management;

/// <summary>`>STATE:...`: a state change (after `state on`).</summary>
public sealed record StateEvent(OpenVpnStateEntry Entry) : ManagementEvent;
