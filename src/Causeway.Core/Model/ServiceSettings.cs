using System.Net;

namespace Causeway.Core.Model;

/// <summary>
/// [service]: how the running daemon is reached besides its unix sockets. <see cref="Listen"/>: the optional TCP
/// listener of the read-only API (status and metrics), off by default; only loopback or this host's address on the
/// overlay (docs/status.md, "Over TCP").
/// </summary>
public sealed record ServiceSettings(IPEndPoint? Listen)
{
    public const int DefaultPort = 9477;

    public static readonly ServiceSettings None = new((IPEndPoint?)null);

    /// <summary>The address is loopback (127.0.0.1 or ::1): nothing to check against the overlay at run time.</summary>
    public bool ListensOnLoopback => Listen is { } endpoint && IPAddress.IsLoopback(endpoint.Address);
}
