namespace Causeway.Integration.Tests.HostState;

/// <summary>The provider tun device in a test gateway.</summary>
public enum EgressState
{
    /// <summary>Exists and is up (no process behind it: no carrier).</summary>
    Up,

    /// <summary>Exists, administratively down.</summary>
    Down,

    /// <summary>Does not exist (OpenVPN not running).</summary>
    Absent,
}
