namespace Causeway.Core.Management;

/// <summary>The server-side `>CLIENT:` notices.</summary>
public enum ClientEventKind
{
    /// <summary>A new client asks to be authorized (only with `management-client-auth`).</summary>
    Connect,

    /// <summary>An existing client renegotiated TLS (only with `management-client-auth`).</summary>
    Reauth,

    /// <summary>A client is authenticated and its session started (sent on every server with a management socket).</summary>
    Established,

    /// <summary>A client went away (only with `management-client-auth`); ENV has bytes_received/bytes_sent.</summary>
    Disconnect,

    /// <summary>A virtual address is now bound to a client (one line, no ENV block).</summary>
    Address,

    /// <summary>A client answered a text challenge (`cr-response`).</summary>
    CrResponse,

    Other,
}
