using System.Net.Http.Json;
using Causeway.Engine.Daemon;
using Causeway.Linux.Platform;

namespace Causeway.Cli.Daemon;

/// <summary>Asks a running daemon for its status over its unix socket.</summary>
public static class StatusClient
{
    /// <summary>The report, or null if no daemon listens on <paramref name="socketPath"/>.</summary>
    public static async Task<StatusReport?> TryGetAsync(string socketPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(socketPath))
        {
            return null;
        }

        using var client = UnixSocketHttpClient.Create(socketPath, TimeSpan.FromSeconds(5));
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
