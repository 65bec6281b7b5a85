namespace Causeway.Core.Management;

/// <summary>
/// `>FATAL:text`, sent just before OpenVPN exits, e.g.
/// `ERROR: Cannot ioctl TUNSETIFF vpn-provider: Invalid argument (errno=22)`.
/// </summary>
public sealed record FatalEvent(string Text) : ManagementEvent;
