using System.Net;
using Causeway.Core.Model;
using Causeway.Engine.Daemon;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Causeway.Cli.Daemon;

/// <summary>
/// `[service] listen`: the read-only API (<see cref="ReadOnlyApi"/>: status and metrics, GET only) on TCP, off by
/// default. A Kestrel server of its own, so that nothing else the daemon serves (the control API) is ever reachable
/// over TCP, and started apart from the daemon's host: an overlay address exists only once the overlay is up, and a
/// listener that cannot start must not stop the kill switch. On loopback it starts at once; on the overlay once the
/// daemon has read the overlay and the address is this host's there (refused, and said once, while it is not).
/// The report it serves has the addresses in error texts redacted (<see cref="TcpStatusView"/>).
/// </summary>
public sealed class ServiceListener(ServiceSettings service, StatusBoard board, TimeProvider time, ILogger<ServiceListener> logger)
    : BackgroundService
{
    /// <summary>How often the overlay is looked at while the address is not this host's yet.</summary>
    public static readonly TimeSpan OverlayWait = TimeSpan.FromSeconds(1);

    private WebApplication? _app;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (service.Listen is not { } endpoint)
        {
            return;
        }

        try
        {
            if (!service.ListensOnLoopback)
            {
                await WaitForOverlayAddressAsync(endpoint.Address, stoppingToken);
            }

            _app = await StartAsync(endpoint, stoppingToken);
            logger.LogInformation("serving the status and the metrics, read-only, on http://{Endpoint} ([service] listen)", Format(endpoint));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            logger.LogError("[service] listen = \"{Endpoint}\": could not listen: {Error}; the daemon goes on without its TCP listener (the status socket still serves)", Format(endpoint), e.Message);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken);
            await app.DisposeAsync();
        }
    }

    private async Task WaitForOverlayAddressAsync(IPAddress address, CancellationToken stoppingToken)
    {
        var said = false;
        while (true)
        {
            if (board.Current.Overlay is { } overlay)
            {
                if (overlay.Addresses.Any(a => IPAddress.TryParse(a, out var own) && own.Equals(address)))
                {
                    return;
                }

                if (!said)
                {
                    said = true;
                    logger.LogError(
                        "[service] listen: {Address} is not this host's address on the overlay {Interface} ({Addresses}): the TCP listener waits for it (the API listens only on 127.0.0.1, ::1 or this host's overlay address)",
                        address, overlay.Interface, string.Join(", ", overlay.Addresses));
                }
            }

            await Task.Delay(OverlayWait, time, stoppingToken);
        }
    }

    private async Task<WebApplication> StartAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var builder = DaemonWebBuilder.Create();
        // The same log as the daemon's own (journald's priorities under systemd, no colour codes into a pipe).
        DaemonLogging.Configure(builder.Logging);
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        var app = builder.Build();
        ReadOnlyApi.Map(app, board, time, TcpStatusView.Of);
        try
        {
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static string Format(IPEndPoint endpoint) => endpoint.ToString();
}
