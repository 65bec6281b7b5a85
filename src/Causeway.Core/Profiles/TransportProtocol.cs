namespace Causeway.Core.Profiles;

/// <summary>How OpenVPN reaches the provider: some options (explicit-exit-notify, fast-io) only apply to UDP.</summary>
public enum TransportProtocol
{
    Udp,
    Tcp,
}
