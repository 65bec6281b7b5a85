using System.CommandLine;
using System.Globalization;
using Causeway.Cli.Daemon;
using Causeway.Cli.Output;
using Causeway.Core.Planning;
using Causeway.Engine.Access;
using Causeway.Engine.Daemon;
using Causeway.Engine.HostState;
using Causeway.Engine.Preflight;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Cli.Commands;

/// <summary>
/// `causeway down`: stops a running `causeway up` and the access servers (which outlive it), then removes exactly what
/// Causeway added. Overlay traffic is never let out meanwhile: forwarding is restored first, the kill switch goes last.
/// </summary>
public static class DownCommand
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    public static Command Create()
    {
        var config = CommonOptions.Config();
        var command = new Command("down", "Stop causeway and remove everything it added to this host (and nothing else)") { config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var services = new CliServices();
            var configPath = parse.GetValue(config)!;
            var read = new ConfigReader(services.Files, services.Identity).Read(configPath, PreflightOptions.Down);
            DiagnosticsPrinter.Print(Console.Error, read.Diagnostics);
            if (read.Settings is not { } settings)
            {
                return ExitCodes.InvalidInput;
            }

            var instance = settings.Instance;
            try
            {
                await StopRunningDaemonAsync(services, instance.LockFilePath, cancellationToken);
                using var logging = LoggerFactory.Create(l => l.AddSimpleConsole(c => c.SingleLine = true));
                var state = StateStore.For(services.Files, instance);
                var logger = logging.CreateLogger("causeway.down");
                var teardown = new GatewayTeardown(
                    new HostObserver(services.Commands, services.Files),
                    new HostApplier(services.Commands, services.Files, state),
                    state,
                    services.Files,
                    logger,
                    new AccessServerTakeover(services.Files, services.Processes, services.Sockets, services.Time, logger));
                var plan = await teardown.RunAsync(instance, cancellationToken);
                Console.Out.Write(plan.IsEmpty ? "nothing of causeway's was left on this host\n" : PlanFormatter.Format(plan));
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is HostApplyException or CommandFailedException or IOException or TimeoutException)
            {
                Console.Error.WriteLine($"causeway down: {e.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    /// <summary>
    /// SIGTERM to the `causeway up` that holds the instance lock; it stops OpenVPN and exits, leaving the access servers
    /// to the teardown that follows. Its kill switch stays until then, so nothing leaks in between.
    /// </summary>
    private static async Task StopRunningDaemonAsync(CliServices services, string lockPath, CancellationToken cancellationToken)
    {
        if (!InstanceLock.IsHeld(services.Files, lockPath))
        {
            return;
        }

        var pid = InstanceLock.ReadHolder(lockPath);
        if (pid is not { } running)
        {
            throw new IOException($"a causeway up holds {lockPath} but its pid cannot be read: stop it yourself, then run `causeway down` again");
        }

        Console.Error.WriteLine($"stopping the running causeway up (pid {running})");
        await services.Commands.RunAsync(CommandSpec.Of("kill", "-TERM", running.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StopTimeout);
        while (InstanceLock.IsHeld(services.Files, lockPath))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"causeway up (pid {running}) did not stop within {StopTimeout.TotalSeconds:0} s: kill it, then run `causeway down` again");
            }
        }
    }
}
