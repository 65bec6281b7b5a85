using Causeway.Engine.Daemon;
using Causeway.Engine.ZeroTier;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Causeway.Cli.Daemon;

/// <summary>Runs the gateway daemon inside the host; a failure to start stops the host with a non-zero exit.</summary>
public sealed class GatewayService(GatewayDaemon daemon, IHostApplicationLifetime lifetime, ILogger<GatewayService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await daemon.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // SIGTERM or Ctrl-C: a normal stop.
        }
        catch (OverlayResolutionException e)
        {
            logger.LogCritical("resolving the overlay: {Error}", e.Message);
            Fail();
        }
        catch (HostInputException e)
        {
            // Found before anything on the host changed: a bad input, like a bad config.
            foreach (var problem in e.Problems)
            {
                logger.LogCritical("{Section}: {Problem}", e.Section, problem);
            }

            logger.LogCritical("no rule, route or nftables table was changed on this host");
            Fail(ExitCodes.InvalidInput);
        }
        catch (Exception e)
        {
            logger.LogCritical("{Error}", e.Message);
            Fail();
        }
    }

    private void Fail(int exitCode = ExitCodes.Failed)
    {
        Environment.ExitCode = exitCode;
        lifetime.StopApplication();
    }
}
