using System.Net.Http.Json;
using Causeway.Engine.Daemon;
using Causeway.Engine.Instance;
using Causeway.Engine.Seams;

namespace Causeway.Cli.Daemon;

/// <summary>Asks a running daemon for its status over its unix socket (through the machine's socket and file seams).</summary>
public sealed class StatusClient(Machine machine)
{
    /// <summary>Why the last <see cref="TryGetAsync"/> found a socket it may not use (not in its group); null otherwise.</summary>
    public string? Denied { get; private set; }

    /// <summary>The report, or null if no daemon listens on <paramref name="socketPath"/>.</summary>
    public async Task<StatusReport?> TryGetAsync(string socketPath, CancellationToken cancellationToken)
    {
        if (!DaemonHttp.SocketFileExists(machine.Files, socketPath))
        {
            return null;
        }

        using var client = DaemonHttp.Create(machine.Sockets, socketPath, TimeSpan.FromSeconds(5));
        try
        {
            return await client.GetFromJsonAsync(
                StatusEndpoint.StatusPath.TrimStart('/'), DaemonJsonContext.Default.StatusReport, cancellationToken);
        }
        catch (HttpRequestException e) when (IsDenied(e))
        {
            Denied = $"{socketPath}: permission denied: the status socket is root's and the group {DaemonSockets.StatusGroup}'s (add yourself: `sudo adduser $USER {DaemonSockets.StatusGroup}`, then log in again; or use sudo)";
            return null;
        }
        catch (HttpRequestException)
        {
            // Nothing listening: a socket file left by a daemon that was killed.
            return null;
        }
    }

    private static bool IsDenied(Exception e) =>
        e.InnerException is IOException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AccessDenied } }
        || e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AccessDenied };
}
