using Microsoft.Extensions.Hosting;

namespace Causeway.Cli.Daemon;

/// <summary>
/// The control API's host lifetime: it handles no signal. The daemon's own host handles SIGTERM and Ctrl-C and
/// stops the control API after itself; a second console lifetime in the same process made SIGTERM kill the process
/// half-way through the daemon's orderly stop (seen: exit 143 with the access servers half stopped).
/// </summary>
public sealed class PassiveLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
