namespace Causeway.Engine.ZeroTier;

/// <summary>Why a call to zerotier-one's local API failed.</summary>
public enum ZeroTierApiErrorKind
{
    /// <summary>Nothing listens on the API port (connection refused).</summary>
    DaemonNotRunning,

    /// <summary>The connection failed some other way (reset, unreachable...).</summary>
    ConnectionFailed,

    /// <summary>No answer within the request timeout.</summary>
    Timeout,

    /// <summary>authtoken.secret is missing, unreadable or empty.</summary>
    TokenUnreadable,

    /// <summary>zerotier-one.port does not hold a port number.</summary>
    PortFileInvalid,

    /// <summary>zerotier-one.port is empty: zerotier-one rewrites it in place when it starts, so this is usually brief.</summary>
    PortFileEmpty,

    /// <summary>401: the token is wrong (or the port belongs to another zerotier-one).</summary>
    Unauthorized,

    /// <summary>404 with an empty body: the daemon does not know the path (too old? not zerotier-one?).</summary>
    UnknownPath,

    /// <summary>Any other status code, or a body that is not the JSON expected.</summary>
    UnexpectedResponse,
}
