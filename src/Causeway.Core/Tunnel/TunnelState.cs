namespace Causeway.Core.Tunnel;

/// <summary>Where the supervised tunnel is, as the status command shows it.</summary>
public enum TunnelState
{
    /// <summary>Not started, or stopped.</summary>
    Stopped,

    /// <summary>openvpn was launched; its management socket is not answering yet.</summary>
    Starting,

    /// <summary>openvpn runs and is working towards its first connection (WAIT, AUTH, ASSIGN_IP...).</summary>
    Connecting,

    /// <summary>CONNECTED,SUCCESS: forwarded traffic may use the tunnel.</summary>
    Connected,

    /// <summary>OpenVPN restarted the connection (RECONNECTING) and is working on it; the detail says why.</summary>
    Reconnecting,

    /// <summary>OpenVPN said EXITING, or it is being stopped.</summary>
    Exiting,

    /// <summary>openvpn exited; the supervisor waits before starting it again (see RestartAt and Detail).</summary>
    BackingOff,
}
