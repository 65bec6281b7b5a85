using System.Text.Json;
using Causeway.Engine.Daemon;
using Causeway.Engine.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Causeway.Cli.Daemon;

/// <summary>
/// What the daemon serves to readers: the status report (<see cref="StatusEndpoint.StatusPath"/>, JSON) and its
/// metrics (<see cref="StatusMetrics.Path"/>, Prometheus's text format). GET only; nothing here changes anything.
/// Mapped on the status unix socket (<see cref="StatusEndpoint"/>) and on the optional TCP listener
/// (<see cref="ServiceListener"/>), which passes its own view of the report.
/// </summary>
public static class ReadOnlyApi
{
    public static void Map(IEndpointRouteBuilder routes, StatusBoard board, TimeProvider time, Func<StatusReport, StatusReport> view)
    {
        // RequestDelegate overloads: no reflection-based delegate binding, so this works under NativeAOT.
        routes.MapGet(StatusEndpoint.StatusPath, (RequestDelegate)(context =>
        {
            context.Response.ContentType = "application/json";
            return JsonSerializer.SerializeAsync(context.Response.Body, view(board.Current), DaemonJsonContext.Default.StatusReport, context.RequestAborted);
        }));
        routes.MapGet(StatusMetrics.Path, (RequestDelegate)(context =>
        {
            context.Response.ContentType = StatusMetrics.ContentType;
            return StatusMetrics.WriteAsync(view(board.Current), time.GetUtcNow(), context.Response.Body, context.RequestAborted);
        }));
    }
}
