using System.Text.Json;
using Causeway.Cli.Dashboard;
using Causeway.Engine.Daemon;
using Causeway.Engine.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Causeway.Cli.Daemon;

/// <summary>
/// What the daemon serves to readers: the status report (<see cref="StatusEndpoint.StatusPath"/>, JSON), its
/// metrics (<see cref="StatusMetrics.Path"/>, Prometheus's text format) and the dashboard that shows the report
/// (<see cref="DashboardAssets"/>, at `/`). GET only; nothing here changes anything. Mapped on the status unix socket
/// (<see cref="StatusEndpoint"/>) and on the optional TCP listener (<see cref="ServiceListener"/>), which passes its
/// own view of the report: the dashboard reads the report from the same server, so it shows that view.
/// </summary>
public static class ReadOnlyApi
{
    public static void Map(IEndpointRouteBuilder routes, StatusBoard board, TimeProvider time, Func<StatusReport, StatusReport> view)
    {
        // RequestDelegate overloads: no reflection-based delegate binding, so this works under NativeAOT.
        routes.MapGet(StatusEndpoint.StatusPath, (RequestDelegate)(context =>
        {
            context.Response.ContentType = "application/json";
            // The dashboard polls it every second: a cached report would show a hop as it was.
            context.Response.Headers.CacheControl = "no-store";
            return JsonSerializer.SerializeAsync(context.Response.Body, view(board.Current), DaemonJsonContext.Default.StatusReport, context.RequestAborted);
        }));
        routes.MapGet(StatusMetrics.Path, (RequestDelegate)(context =>
        {
            context.Response.ContentType = StatusMetrics.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            return StatusMetrics.WriteAsync(view(board.Current), time.GetUtcNow(), context.Response.Body, context.RequestAborted);
        }));
        foreach (var asset in DashboardAssets.All)
        {
            routes.MapGet(asset.Path, (RequestDelegate)(context => WriteAsync(context, asset)));
        }
    }

    private static Task WriteAsync(HttpContext context, DashboardAsset asset)
    {
        var response = context.Response;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        response.Headers.ContentSecurityPolicy = DashboardAssets.ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        // Revalidated every time, so that the page of a newer binary is never mixed with an older script.
        response.Headers.CacheControl = "no-cache";
        return response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }
}
