using Causeway.Linux.Platform;

namespace Causeway.TestKit;

/// <summary>
/// HTTP over a unix-domain socket for tests that talk to a running daemon's sockets directly (the CLI does the same
/// through `Cli.Daemon.DaemonHttp`), over the product's own <see cref="UnixSocketConnector"/>.
/// </summary>
public static class UnixSocketHttpClient
{
    /// <summary>A client whose every connection goes to <paramref name="socketPath"/>; use any relative URL.</summary>
    public static HttpClient Create(string socketPath, TimeSpan timeout)
    {
        var connector = new UnixSocketConnector();
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) => await connector.ConnectAsync(socketPath, cancellationToken),
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost/"), Timeout = timeout };
    }
}
