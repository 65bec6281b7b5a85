using System.Net.Http.Json;
using Causeway.Engine.Daemon;
using Causeway.Engine.Seams;

namespace Causeway.Cli.Daemon;

/// <summary>Asks a running daemon for its status over its unix socket (through the machine's socket and file seams).</summary>
public sealed class StatusClient(Machine machine)
{
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
        catch (HttpRequestException)
        {
            // Nothing listening: a socket file left by a daemon that was killed.
            return null;
        }
    }
}
