using Microsoft.Extensions.Hosting;

namespace Causeway.Cli.Daemon;

/// <summary>
/// The control API's host lifetime: it handles no signal. The daemon's own host handles SIGTERM and Ctrl-C, and the
/// control API is stopped after the daemon (GatewayHost), so that it answers for as long as the access servers run
/// and no second console lifetime in the process reacts to the same signal.
/// </summary>
public sealed class PassiveLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
