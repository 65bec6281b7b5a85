namespace Causeway.Core.Management;

/// <summary>OpenVPN's states (`man_state_name` in manage.c).</summary>
public enum OpenVpnState
{
    /// <summary>A name this parser does not know (a newer OpenVPN); see <see cref="OpenVpnStateEntry.Name"/>.</summary>
    Unknown,

    /// <summary>The first state, set when management starts.</summary>
    Connecting,

    /// <summary>Resolving the remote host name (skipped for literal addresses).</summary>
    Resolve,

    /// <summary>Connecting over TCP.</summary>
    TcpConnect,

    /// <summary>Waiting for the server's first reply.</summary>
    Wait,

    /// <summary>TLS handshake and authentication.</summary>
    Auth,

    /// <summary>Re-sending PUSH_REQUEST (the reply is late).</summary>
    GetConfig,

    /// <summary>The server sent AUTH_PENDING; the detail is then `timeout N`.</summary>
    AuthPending,

    /// <summary>Configuring the tun device (not emitted on a restart with persist-tun).</summary>
    AssignIp,

    /// <summary>Installing routes (not emitted when there are none).</summary>
    AddRoutes,

    /// <summary>"Initialization Sequence Completed"; detail SUCCESS, ERROR or ROUTE_ERROR.</summary>
    Connected,

    /// <summary>A restart; the detail is the reason (ping-restart, SIGUSR1, tls-error...).</summary>
    Reconnecting,

    /// <summary>Shutting down; the detail is the reason (SIGTERM, auth-failure...).</summary>
    Exiting,
}
