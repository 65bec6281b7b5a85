using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Causeway.Core.ZeroTier;
using Microsoft.AspNetCore.Http;

namespace Causeway.Lab.ZeroTier;

/// <summary>
/// The HTTP face of the stand-in: zerotier-one's routes (service/OneService.cpp, controller/
/// EmbeddedNetworkController.cpp), its auth check and its status codes. One terminal middleware with
/// source-generated regexes, no MVC or minimal-API binding (nothing that needs reflection under NativeAOT).
/// </summary>
internal sealed partial class ZeroTierStandInEndpoints(
    ZeroTierStandInWorld world,
    string token,
    string homeDirectory,
    Action<string>? log)
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    /// <summary>The bound port (known once Kestrel has started), shown as primaryPort in /status.</summary>
    public int Port { get; set; }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (!IsAuthorized(context, path))
        {
            // The daemon's pre-routing check: 401 with `{}` for everything, known path or not.
            await WriteAsync(context, StatusCodes.Status401Unauthorized, EmptyObject);
        }
        else
        {
            await RouteAsync(context, request.Method, path);
        }

        log?.Invoke($"{request.Method} {path} {context.Response.StatusCode}");
    }

    private async Task RouteAsync(HttpContext context, string method, string path)
    {
        var get = HttpMethods.IsGet(method);
        var post = HttpMethods.IsPost(method) || HttpMethods.IsPut(method);
        var delete = HttpMethods.IsDelete(method);
        Match match;

        if (path == "/status" && get)
        {
            await WriteJsonAsync(context, 200, world.Status(Port, homeDirectory), ZeroTierJsonContext.Default.ZeroTierStatus);
        }
        else if (path == "/health" && get)
        {
            await WriteJsonAsync(context, 200, world.Health(), ZeroTierLabJsonContext.Default.ZeroTierHealth);
        }
        else if (path == "/network" && get)
        {
            await WriteJsonAsync(context, 200, world.Networks(), ZeroTierLabJsonContext.Default.ImmutableArrayZeroTierNetwork);
        }
        else if ((match = NetworkPath().Match(path)).Success && (get || post || delete))
        {
            var id = match.Groups[1].Value.ToLowerInvariant();
            if (get)
            {
                await (world.Network(id) is { } network
                    ? WriteJsonAsync(context, 200, network, ZeroTierJsonContext.Default.ZeroTierNetwork)
                    : WriteAsync(context, 404, EmptyObject));
            }
            else if (post)
            {
                var body = await ReadBodyAsync(context);
                await WriteJsonAsync(context, 200, world.JoinOrUpdate(id, body), ZeroTierJsonContext.Default.ZeroTierNetwork);
            }
            else
            {
                // Leaving a network that is not joined is not an error: 200 with `{}`.
                await (world.Leave(id)
                    ? WriteJsonAsync(context, 200, new ZeroTierLeaveResult { Result = true }, ZeroTierLabJsonContext.Default.ZeroTierLeaveResult)
                    : WriteAsync(context, 200, EmptyObject));
            }
        }
        else if (path == "/peer" && get)
        {
            await WriteJsonAsync(context, 200, world.Peers(), ZeroTierLabJsonContext.Default.ImmutableArrayZeroTierPeer);
        }
        else if ((match = PeerPath().Match(path)).Success && get)
        {
            // An unknown peer is 200 with `{}`, not 404.
            await (world.Peer(match.Groups[1].Value) is { } peer
                ? WriteJsonAsync(context, 200, peer, ZeroTierLabJsonContext.Default.ZeroTierPeer)
                : WriteAsync(context, 200, EmptyObject));
        }
        else if (path == "/controller" && get)
        {
            await WriteAsync(context, 200, Encoding.UTF8.GetBytes(world.ControllerInfo()));
        }
        else if (path == "/controller/network" && get)
        {
            await WriteJsonAsync(context, 200, world.ControllerNetworkIds(), ZeroTierLabJsonContext.Default.ImmutableArrayString);
        }
        else if (path == "/controller/network" && post)
        {
            await WithControllerBodyAsync(context, body =>
                WriteJsonAsync(context, 200, world.CreateControllerNetwork(body), ZeroTierLabJsonContext.Default.ZeroTierControllerNetwork));
        }
        else if ((match = OldStyleCreatePath().Match(path)).Success && post)
        {
            // The older create call names the controller's own address; anything else is 400.
            if (!string.Equals(match.Groups[1].Value, world.NodeAddress, StringComparison.OrdinalIgnoreCase))
            {
                await WriteAsync(context, 400, []);
            }
            else
            {
                await WithControllerBodyAsync(context, body =>
                    WriteJsonAsync(context, 200, world.CreateControllerNetwork(body), ZeroTierLabJsonContext.Default.ZeroTierControllerNetwork));
            }
        }
        else if ((match = ControllerNetworkPath().Match(path)).Success && (get || post || delete))
        {
            var id = match.Groups[1].Value.ToLowerInvariant();
            if (get)
            {
                await (world.ControllerNetwork(id) is { } network
                    ? WriteJsonAsync(context, 200, network, ZeroTierLabJsonContext.Default.ZeroTierControllerNetwork)
                    : WriteAsync(context, 404, []));
            }
            else if (post)
            {
                await WithControllerBodyAsync(context, body =>
                    WriteJsonAsync(context, 200, world.PostControllerNetwork(id, body), ZeroTierLabJsonContext.Default.ZeroTierControllerNetwork));
            }
            else
            {
                await (world.DeleteControllerNetwork(id) is { } network
                    ? WriteJsonAsync(context, 200, network, ZeroTierLabJsonContext.Default.ZeroTierControllerNetwork)
                    : WriteAsync(context, 404, []));
            }
        }
        else if ((match = MemberListPath().Match(path)).Success && get)
        {
            // A map {memberId: revision}, not an array.
            await (world.MemberRevisions(match.Groups[1].Value.ToLowerInvariant()) is { } revisions
                ? WriteJsonAsync(context, 200, revisions, ZeroTierLabJsonContext.Default.IReadOnlyDictionaryStringInt64)
                : WriteAsync(context, 404, []));
        }
        else if ((match = MemberPath().Match(path)).Success && (get || post || delete))
        {
            var id = match.Groups[1].Value.ToLowerInvariant();
            var memberId = match.Groups[2].Value.ToLowerInvariant();
            if (get)
            {
                await (world.Member(id, memberId) is { } member
                    ? WriteJsonAsync(context, 200, member, ZeroTierLabJsonContext.Default.ZeroTierControllerMember)
                    : WriteAsync(context, 404, []));
            }
            else if (post)
            {
                await WithControllerBodyAsync(context, body =>
                    world.PostMember(id, memberId, body) is { } member
                        ? WriteJsonAsync(context, 200, member, ZeroTierLabJsonContext.Default.ZeroTierControllerMember)
                        : WriteAsync(context, 404, []));
            }
            else
            {
                await (world.DeleteMember(id, memberId) is { } member
                    ? WriteJsonAsync(context, 200, member, ZeroTierLabJsonContext.Default.ZeroTierControllerMember)
                    : WriteAsync(context, 404, []));
            }
        }
        else
        {
            // An unknown path (or method) is the HTTP library's plain 404: no body at all.
            await WriteAsync(context, 404, []);
        }
    }

    /// <summary>
    /// The daemon's check, in its order: loopback clients only; /health needs no token; then X-ZT1-Auth if that
    /// header is present, else ?auth=, else `Authorization: Bearer`.
    /// </summary>
    private bool IsAuthorized(HttpContext context, string path)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            return false;
        }

        if (path is "/health" or "/sso" || path.StartsWith("/app", StringComparison.Ordinal))
        {
            return true;
        }

        var request = context.Request;
        if (request.Headers.TryGetValue("X-ZT1-Auth", out var header))
        {
            return header.ToString() == token;
        }

        if (request.Query.TryGetValue("auth", out var query))
        {
            return query.ToString() == token;
        }

        if (request.Headers.TryGetValue("Authorization", out var authorization))
        {
            var parts = authorization.ToString().Split(' ');
            return parts.Length == 2 && parts[0].Equals("bearer", StringComparison.OrdinalIgnoreCase) && parts[1] == token;
        }

        return false;
    }

    /// <summary>The controller parses bodies strictly: one that is not JSON ends in its exception handler (500).</summary>
    private static async Task WithControllerBodyAsync(HttpContext context, Func<JsonElement, Task> handle)
    {
        var text = await ReadBodyAsync(context);
        JsonElement body;
        try
        {
            body = ControllerJson.Parse(text);
        }
        catch (JsonException e)
        {
            var description = JsonEncodedText.Encode(e.Message);
            await WriteAsync(context, 500, Encoding.UTF8.GetBytes($"{{\"error\": 500, \"description\": \"{description}\"}}"));
            return;
        }

        await handle(body);
    }

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    private static Task WriteJsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type) =>
        WriteAsync(context, status, JsonSerializer.SerializeToUtf8Bytes(value, type));

    private static async Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentLength = body.Length;
        if (body.Length > 0)
        {
            response.ContentType = "application/json";
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    [GeneratedRegex("^/network/([0-9a-fA-F]{16})$")]
    private static partial Regex NetworkPath();

    [GeneratedRegex("^/peer/([0-9a-fA-F]{10})$")]
    private static partial Regex PeerPath();

    [GeneratedRegex("^/controller/network/([0-9a-fA-F]{16})$")]
    private static partial Regex ControllerNetworkPath();

    [GeneratedRegex("^/controller/network/([0-9a-fA-F]{10})______$")]
    private static partial Regex OldStyleCreatePath();

    [GeneratedRegex("^/controller/network/([0-9a-fA-F]{16})/member$")]
    private static partial Regex MemberListPath();

    [GeneratedRegex("^/controller/network/([0-9a-fA-F]{16})/member/([0-9a-fA-F]{10})$")]
    private static partial Regex MemberPath();
}
