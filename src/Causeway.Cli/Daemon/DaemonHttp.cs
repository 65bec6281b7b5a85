using Causeway.Engine.Seams;

namespace Causeway.Cli.Daemon;

/// <summary>
/// HTTP to the running daemon over one of its unix sockets: HttpClient speaks HTTP, every connection is made by the
/// socket seam (<see cref="IUnixSocketConnector"/>), so the commands open no socket themselves.
/// </summary>
public static class DaemonHttp
{
    /// <summary>A client whose every connection goes to <paramref name="socketPath"/>; use any relative URL.</summary>
    public static HttpClient Create(IUnixSocketConnector sockets, string socketPath, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) => await sockets.ConnectAsync(socketPath, cancellationToken),
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost/"), Timeout = timeout };
    }

    /// <summary>
    /// Whether a socket file is there to connect to; like File.Exists, a path that cannot be looked at (a directory
    /// this user may not enter) is "not there", which the callers say as "not running".
    /// </summary>
    public static bool SocketFileExists(IFileSystem files, string socketPath)
    {
        try
        {
            return files.Stat(socketPath).Exists;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
