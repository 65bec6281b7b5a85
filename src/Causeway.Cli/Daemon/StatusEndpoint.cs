using Causeway.Engine.Daemon;
using Causeway.Engine.Instance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Causeway.Cli.Daemon;

/// <summary>
/// The daemon's status API: HTTP on a unix socket in the run directory, the status and the metrics. Read-only, so it
/// is open to root and the `causeway` group, or to every local user on a host without that group
/// (<see cref="DaemonSockets.OpenStatus"/>); everything that changes the host needs root and goes through the CLI.
/// </summary>
public static class StatusEndpoint
{
    public const string StatusPath = "/v1/status";

    /// <summary>Binds the socket (a stale file must be gone first: <see cref="DaemonSockets.PrepareStatus"/>).</summary>
    public static void Listen(WebApplicationBuilder builder, string socketPath)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socketPath));
    }

    /// <summary>The status and the metrics (<see cref="ReadOnlyApi"/>), as they are: the socket is local.</summary>
    public static void Map(WebApplication app, StatusBoard board) =>
        ReadOnlyApi.Map(app, board, app.Services.GetService<TimeProvider>() ?? TimeProvider.System, report => report);
}
