using System.Text.Json;
using Causeway.Engine.Daemon;
using Causeway.Engine.Instance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Causeway.Cli.Daemon;

/// <summary>
/// The daemon's status API: HTTP on a unix socket in the run directory. Read-only, so it is open to local users
/// (`causeway status` works without sudo); everything that changes the host needs root and goes through the CLI.
/// </summary>
public static class StatusEndpoint
{
    public const string StatusPath = "/v1/status";

    /// <summary>Binds the socket (a stale file must be gone first: <see cref="DaemonSockets.PrepareStatus"/>).</summary>
    public static void Listen(WebApplicationBuilder builder, string socketPath)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socketPath));
    }

    public static void Map(WebApplication app, StatusBoard board)
    {
        // RequestDelegate overloads: no reflection-based delegate binding, so this works under NativeAOT.
        app.MapGet(StatusPath, (RequestDelegate)(context =>
        {
            context.Response.ContentType = "application/json";
            return JsonSerializer.SerializeAsync(context.Response.Body, board.Current, DaemonJsonContext.Default.StatusReport, context.RequestAborted);
        }));
    }
}
