using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Causeway.Core.Model;
using Causeway.Core.ZeroTier;
using Causeway.Engine.Seams;

namespace Causeway.Engine.ZeroTier;

/// <summary>
/// zerotier-one's local JSON API on 127.0.0.1:&lt;port&gt;: the reads Causeway makes, `GET /status`,
/// `GET /network/{nwid}` and `GET /peer/{address}` (it never joins, leaves or sets anything). The token and the port are read from the
/// daemon's home directory through <see cref="IFileSystem"/> on first use, and again after a 401 or a refused
/// connection (zerotier-one may have been reinstalled or restarted on another port).
/// Every failure is a <see cref="ZeroTierApiException"/> whose message says what to do.
/// </summary>
public sealed class ZeroTierLocalClient : IDisposable
{
    /// <summary>The API listens on all addresses but only answers loopback clients.</summary>
    public const string Host = "127.0.0.1";

    public const string AuthHeader = "X-ZT1-Auth";
    public const string TokenFileName = "authtoken.secret";
    public const string PortFileName = "zerotier-one.port";

    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly IFileSystem _fileSystem;
    private readonly int? _configuredPort;
    private readonly Lock _lock = new();
    private ZeroTierApiCredentials? _credentials;

    /// <param name="fileSystem">Reads authtoken.secret and zerotier-one.port.</param>
    /// <param name="homeDirectory">zerotier-one's home, e.g. /var/lib/zerotier-one.</param>
    /// <param name="port">The API port; null = zerotier-one.port, else 9993.</param>
    /// <param name="handler">HTTP handler; null = <see cref="CreateDefaultHandler"/>.</param>
    /// <param name="requestTimeout">Per request; null = <see cref="DefaultRequestTimeout"/>.</param>
    public ZeroTierLocalClient(
        IFileSystem fileSystem,
        string homeDirectory,
        int? port = null,
        HttpMessageHandler? handler = null,
        TimeSpan? requestTimeout = null)
    {
        _fileSystem = fileSystem;
        HomeDirectory = homeDirectory;
        _configuredPort = port;
        _http = new HttpClient(handler ?? CreateDefaultHandler(), disposeHandler: true)
        {
            Timeout = requestTimeout ?? DefaultRequestTimeout,
        };
    }

    public string HomeDirectory { get; }

    public string TokenPath => Path.Combine(HomeDirectory, TokenFileName);

    public string PortPath => Path.Combine(HomeDirectory, PortFileName);

    /// <summary>
    /// A plain handler for loopback: never a proxy (an http_proxy variable must not catch 127.0.0.1), no cookies,
    /// no redirects, a short connect timeout (a refused connection fails at once anyway).
    /// </summary>
    public static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>`GET /status`: this node's address, online flag, version.</summary>
    public async Task<ZeroTierStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(HttpMethod.Get, "/status", null, cancellationToken);
        return Decode(response, ZeroTierJsonContext.Default.ZeroTierStatus);
    }

    /// <summary>`GET /network/{nwid}`; null when this node has not joined it (404 `{}`).</summary>
    public async Task<ZeroTierNetwork?> TryGetNetworkAsync(string networkId, CancellationToken cancellationToken = default)
    {
        var path = NetworkPath(networkId);
        var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
        if (response.Status == HttpStatusCode.NotFound && IsEmptyObject(response.Body))
        {
            return null;
        }

        return Decode(response, ZeroTierJsonContext.Default.ZeroTierNetwork);
    }

    /// <summary>`GET /peer/{address}`: how zerotier-one reaches that node; null when it knows no such peer (200 `{}`).</summary>
    public async Task<ZeroTierPeer?> TryGetPeerAsync(string nodeAddress, CancellationToken cancellationToken = default)
    {
        var path = ZeroTierIdentifiers.IsNodeAddress(nodeAddress)
            ? $"/peer/{nodeAddress.ToLowerInvariant()}"
            : throw new ArgumentException($"'{nodeAddress}' is not a ZeroTier node address (10 hex digits)", nameof(nodeAddress));
        var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
        if (response.Status == HttpStatusCode.OK && IsEmptyObject(response.Body))
        {
            return null;
        }

        return Decode(response, ZeroTierJsonContext.Default.ZeroTierPeer);
    }

    public void Dispose() => _http.Dispose();

    private static string NetworkPath(string networkId) =>
        ZeroTierIdentifiers.IsNetworkId(networkId)
            ? $"/network/{networkId.ToLowerInvariant()}"
            : throw new ArgumentException($"'{networkId}' is not a ZeroTier network id (16 hex digits)", nameof(networkId));

    private async Task<ZeroTierApiResponse> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        var credentials = GetCredentials();
        var endpoint = credentials.Endpoint;
        using var request = new HttpRequestMessage(method, new Uri($"http://{endpoint}{path}"));
        request.Headers.TryAddWithoutValidation(AuthHeader, credentials.Token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        byte[] content;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            ForgetCredentials();
            var start = _configuredPort is null && credentials.Port == ZeroTierOverlaySource.DefaultPort
                ? "systemctl start zerotier-one"
                : $"systemctl start zerotier-one, and check that it uses port {credentials.Port} ({(_configuredPort is null ? PortPath : "overlay.zerotier_port")})";
            throw new ZeroTierApiException(
                ZeroTierApiErrorKind.DaemonNotRunning,
                $"zerotier-one is not running on {endpoint} (start it: {start})",
                e)
            { Endpoint = endpoint };
        }
        catch (HttpRequestException e)
        {
            ForgetCredentials();
            throw new ZeroTierApiException(
                ZeroTierApiErrorKind.ConnectionFailed,
                $"talking to zerotier-one on {endpoint} ({method} {path}): {e.Message} (is zerotier-one running and healthy? systemctl status zerotier-one)",
                e)
            { Endpoint = endpoint };
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ZeroTierApiException(
                ZeroTierApiErrorKind.Timeout,
                $"zerotier-one on {endpoint} did not answer {method} {path} within {_http.Timeout.TotalSeconds:0} s (is it hung? systemctl restart zerotier-one)",
                e)
            { Endpoint = endpoint };
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                ForgetCredentials();
                throw new ZeroTierApiException(
                    ZeroTierApiErrorKind.Unauthorized,
                    $"zerotier-one on {endpoint} refused the token from {TokenPath} (401): wrong token, or another zerotier-one listens on that port? (check overlay.zerotier_home and overlay.zerotier_port)");
            }

            if (response.StatusCode == HttpStatusCode.NotFound && content.Length == 0)
            {
                throw new ZeroTierApiException(
                    ZeroTierApiErrorKind.UnknownPath,
                    $"zerotier-one on {endpoint} does not know {method} {path} (404): is it zerotier-one 1.14 or newer, and not another service on that port?");
            }

            return new ZeroTierApiResponse(method, path, endpoint, response.StatusCode, content);
        }
    }

    private static T Decode<T>(ZeroTierApiResponse response, JsonTypeInfo<T> type)
    {
        if (response.Status != HttpStatusCode.OK)
        {
            throw new ZeroTierApiException(
                ZeroTierApiErrorKind.UnexpectedResponse,
                $"zerotier-one on {response.Endpoint} answered {response.Method} {response.Path} with {(int)response.Status} {Snippet(response.Body)}");
        }

        try
        {
            return JsonSerializer.Deserialize(response.Body, type)
                ?? throw new JsonException("the body is null");
        }
        catch (JsonException e)
        {
            throw new ZeroTierApiException(
                ZeroTierApiErrorKind.UnexpectedResponse,
                $"zerotier-one on {response.Endpoint} answered {response.Method} {response.Path} with JSON Causeway cannot read ({e.Message}): {Snippet(response.Body)}",
                e);
        }
    }

    private ZeroTierApiCredentials GetCredentials()
    {
        lock (_lock)
        {
            return _credentials ??= new ZeroTierApiCredentials(ReadPort(), ReadToken());
        }
    }

    private void ForgetCredentials()
    {
        lock (_lock)
        {
            _credentials = null;
        }
    }

    private string ReadToken()
    {
        string text;
        try
        {
            text = _fileSystem.ReadAllText(TokenPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ZeroTierApiException(
                ZeroTierApiErrorKind.TokenUnreadable,
                $"reading zerotier-one's API token: {TokenPath} does not exist (is zerotier-one installed and started once? is overlay.zerotier_home right?)",
                e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ZeroTierApiException(
                ZeroTierApiErrorKind.TokenUnreadable,
                $"reading zerotier-one's API token: permission denied on {TokenPath} (it is root-only: run as root)",
                e);
        }
        catch (IOException e)
        {
            throw new ZeroTierApiException(
                ZeroTierApiErrorKind.TokenUnreadable,
                $"reading zerotier-one's API token from {TokenPath}: {e.Message}",
                e);
        }

        // The daemon trims the file the same way (spaces, tabs, CR, LF, NUL).
        var token = text.Trim(' ', '\t', '\r', '\n', '\0');
        return token.Length > 0
            ? token
            : throw new ZeroTierApiException(
                ZeroTierApiErrorKind.TokenUnreadable,
                $"reading zerotier-one's API token: {TokenPath} is empty (restart zerotier-one to recreate it)");
    }

    private int ReadPort()
    {
        if (_configuredPort is { } port)
        {
            return port;
        }

        string text;
        try
        {
            if (!_fileSystem.Stat(PortPath).Exists)
            {
                return ZeroTierOverlaySource.DefaultPort;
            }

            text = _fileSystem.ReadAllText(PortPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ZeroTierApiException(
                ZeroTierApiErrorKind.PortFileInvalid,
                $"reading zerotier-one's API port from {PortPath}: {e.Message} (run as root, or set overlay.zerotier_port)",
                e);
        }

        if (text.Trim().Length == 0)
        {
            throw new ZeroTierApiException(
                ZeroTierApiErrorKind.PortFileEmpty,
                $"reading zerotier-one's API port: {PortPath} is empty (zerotier-one rewrites it in place when it starts; if it stays empty, restart zerotier-one, or set overlay.zerotier_port)");
        }

        return int.TryParse(text.Trim(), out var parsed) && parsed is > 0 and <= 65535
            ? parsed
            : throw new ZeroTierApiException(
                ZeroTierApiErrorKind.PortFileInvalid,
                $"reading zerotier-one's API port: {PortPath} holds '{text.Trim()}', not a port number (set overlay.zerotier_port, or restart zerotier-one to rewrite it)");
    }

    private static bool IsEmptyObject(byte[] body) => Encoding.UTF8.GetString(body).Trim() == "{}";

    private static string Snippet(byte[] body)
    {
        if (body.Length == 0)
        {
            return "(empty body)";
        }

        var text = Encoding.UTF8.GetString(body).Trim();
        return text.Length <= 200 ? text : $"{text[..200]}...";
    }
}
