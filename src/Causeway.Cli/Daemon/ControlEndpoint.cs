using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Causeway.Core.Access;
using Causeway.Engine.Daemon;
using Causeway.Engine.Instance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Causeway.Cli.Daemon;

/// <summary>
/// The daemon's control API (<see cref="ControlApi"/>): a Kestrel server of its own on a unix socket in a root-only
/// directory, so that nothing it serves can ever be reached through the world-readable status socket. Only started
/// with [access]: it asks the access servers, through their supervisors' management sessions.
/// </summary>
public static class ControlEndpoint
{
    /// <summary>Builds and starts it; stop and dispose it after the daemon's host has stopped.</summary>
    public static async Task<WebApplication> StartAsync(string socketPath, AccessServers access, DaemonSockets sockets, CancellationToken cancellationToken)
    {
        sockets.PrepareControl(socketPath);
        var builder = DaemonWebBuilder.Create();
        // The same log as the daemon's own (journald's priorities under systemd, no colour codes into a pipe).
        DaemonLogging.Configure(builder.Logging);
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socketPath));
        var app = builder.Build();
        Map(app, access);
        try
        {
            await app.StartAsync(cancellationToken);
            sockets.CloseControl(socketPath);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public static void Map(WebApplication app, AccessServers access)
    {
        // RequestDelegate overloads: no reflection-based delegate binding, so this works under NativeAOT.
        app.MapGet(ControlApi.SessionsPath, (RequestDelegate)(async context =>
        {
            var report = await access.ReadSessionsAsync(context.RequestAborted);
            await WriteAsync(context, StatusCodes.Status200OK, ControlSessionsReport.From(report), DaemonJsonContext.Default.ControlSessionsReport);
        }));
        app.MapPost(ControlApi.KillPathTemplate, (RequestDelegate)(async context =>
        {
            var name = context.Request.RouteValues["name"] as string ?? string.Empty;
            if (ClientName.Problem(name) is { } problem)
            {
                await WriteAsync(context, StatusCodes.Status400BadRequest, new ControlError($"client name \"{name}\" {problem}"), DaemonJsonContext.Default.ControlError);
                return;
            }

            var report = await access.KillAsync(name, context.RequestAborted);
            await WriteAsync(context, StatusCodes.Status200OK, ControlSessionsReport.From(report), DaemonJsonContext.Default.ControlSessionsReport);
        }));
    }

    private static Task WriteAsync<T>(HttpContext context, int status, T body, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, type, context.RequestAborted);
    }
}
