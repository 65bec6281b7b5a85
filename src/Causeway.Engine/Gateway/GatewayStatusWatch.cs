using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Causeway.Engine.Daemon;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.Gateway;

/// <summary>
/// Reads the overlay gateway's own hops from its read-only status listener (`GET /v1/status` on its overlay address,
/// `[egress] gateway_status_port`) every <see cref="ReadInterval"/> and publishes them as
/// <see cref="StatusReport.Gateway"/>: this host only sees as far as "the internet through the gateway", the gateway
/// sees its provider tunnel. A reading that fails clears the hops (they would be stale) and says why; the first
/// failure and the recovery are logged once each, not every reading. Nothing here changes the host or the gateway.
/// </summary>
/// <remarks>
/// The connection leaves from this host's own overlay address, as the internet probe does: Causeway's policy rule
/// routes that source as it routes the clients' traffic, to the gateway over the overlay or nowhere. Without it, with
/// the overlay device down, the kernel would send the request out of the uplink towards the gateway's private address.
/// </remarks>
public sealed class GatewayStatusWatch : IAsyncDisposable
{
    public static readonly TimeSpan ReadInterval = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    /// <summary>A status of a few hundred clients is far below this; more is not a Causeway status.</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    private readonly HttpClient _http;
    private readonly StatusBoard _status;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BackgroundLoop _loop;

    // Replaced whole by a reload; a reading takes it once.
    private Target? _target;

    /// <param name="handler">null: <see cref="CreateDefaultHandler"/>.</param>
    public GatewayStatusWatch(IPAddress? gateway, int? port, StatusBoard status, TimeProvider time, ILogger logger, HttpMessageHandler? handler = null)
    {
        _http = new HttpClient(handler ?? CreateDefaultHandler(OverlaySource), disposeHandler: true) { Timeout = RequestTimeout };
        _status = status;
        _time = time;
        _logger = logger;
        _loop = new BackgroundLoop(RunAsync);
        Reconfigure(gateway, port);
    }

    /// <summary>
    /// Straight to the gateway over the overlay, from <paramref name="source"/> (this host's overlay address; no
    /// connection while it is unknown): never a proxy (an http_proxy variable must not catch it), no cookies, no
    /// redirects.
    /// </summary>
    public static SocketsHttpHandler CreateDefaultHandler(Func<IPAddress?> source) => new()
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        ConnectTimeout = RequestTimeout,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var local = source() ?? throw new HttpRequestException("this host's own overlay address is not known yet");
            var socket = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>A reload: the next reading goes to the new address and port; none (null) clears the status's gateway.</summary>
    public void Reconfigure(IPAddress? gateway, int? port)
    {
        var target = gateway is not null && port is { } p ? new Target(gateway, p) : null;
        var previous = Interlocked.Exchange(ref _target, target);
        if (target != previous)
        {
            _status.Update(s => s with { Gateway = target is null ? null : new GatewayStatusReport(target.Source, null, null, null, null, null) });
        }
    }

    /// <summary>Starts the readings: one at once, then one every <see cref="ReadInterval"/>.</summary>
    public void Start() => _loop.Start();

    public Task StopAsync() => _loop.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _loop.DisposeAsync();
        _http.Dispose();
    }

    /// <summary>One reading, published; a failure is published too, never thrown (except when stopping).</summary>
    public async Task ReadOnceAsync(CancellationToken stopping)
    {
        if (Volatile.Read(ref _target) is not { } target)
        {
            return;
        }

        StatusReport? answer = null;
        string? error;
        try
        {
            answer = await GetAsync(target, stopping);
            error = null;
        }
        catch (Exception e) when (!stopping.IsCancellationRequested && e is HttpRequestException or IOException or JsonException or OperationCanceledException or InvalidDataException)
        {
            error = e is OperationCanceledException ? $"no answer within {RequestTimeout.TotalSeconds:0} s" : e.Message;
        }

        var now = _time.GetUtcNow();
        GatewayStatusReport? before = null;
        _status.Update(s =>
        {
            before = s.Gateway;
            if (Volatile.Read(ref _target) != target)
            {
                // Reconfigured while reading: this answer is from the old target.
                return s;
            }

            return s with
            {
                Gateway = error is null
                    ? new GatewayStatusReport(target.Source, now, null, null, answer!.Instance, answer.Hops)
                    : new GatewayStatusReport(target.Source, before?.ReadAt, error, before?.FailingSince ?? now, before?.Instance, null),
            };
        });

        if (error is not null && before?.Error is null)
        {
            _logger.LogWarning(
                "reading the gateway's status at http://{Source}/v1/status: {Error}; its own hops are not shown until it answers (is `causeway up` running there with [service] listen on its overlay address and port {Port}?)",
                target.Source, error, target.Port);
        }
        else if (error is null && before?.Error is not null)
        {
            _logger.LogInformation("the gateway's status at http://{Source}/v1/status answers again", target.Source);
        }
    }

    private async Task<StatusReport> GetAsync(Target target, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(RequestTimeout);
        using var response = await _http.GetAsync(target.Uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"it answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw new InvalidDataException($"its answer is larger than {MaxResponseBytes} bytes");
        }

        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, timeout.Token)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                throw new InvalidDataException($"its answer is larger than {MaxResponseBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return await JsonSerializer.DeserializeAsync(buffer, DaemonJsonContext.Default.StatusReport, timeout.Token)
            ?? throw new JsonException("its answer is JSON null, not a status");
    }

    /// <summary>This host's IPv4 address on the overlay, as the daemon last read it.</summary>
    private IPAddress? OverlaySource()
    {
        foreach (var text in _status.Current.Overlay?.Addresses ?? [])
        {
            var address = text.Split('/')[0];
            if (IPAddress.TryParse(address, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetwork)
            {
                return parsed;
            }
        }

        return null;
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                await ReadOnceAsync(stopping);
                await Task.Delay(ReadInterval, _time, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private sealed record Target(IPAddress Address, int Port)
    {
        public string Source => Address.ToString() + ":" + Port.ToString(CultureInfo.InvariantCulture);

        public Uri Uri => new($"http://{Source}/v1/status");
    }
}
