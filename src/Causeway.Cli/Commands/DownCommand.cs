using System.CommandLine;
using Causeway.Cli.Output;
using Causeway.Core.Planning;
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
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var command = new Command("down", "Stop causeway and remove everything it added to this host (and nothing else)") { config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var root = CliComposition.Create();
            var configPath = parse.GetValue(config)!;
            var read = root.ConfigReader().Read(configPath, PreflightOptions.Down);
            DiagnosticsPrinter.Print(Console.Error, read.Diagnostics);
            if (read.Settings is not { } settings)
            {
                return ExitCodes.InvalidInput;
            }

            var instance = settings.Instance;
            try
            {
                // SIGTERM to the `up` that holds the instance lock; its kill switch stays until the teardown below.
                await root.RunningDaemon().StopAsync(
                    instance.LockFilePath,
                    pid => Console.Error.WriteLine($"stopping the running causeway up (pid {pid})"),
                    cancellationToken);
                using var logging = LoggerFactory.Create(l => l.AddSimpleConsole(c => c.SingleLine = true));
                var plan = await root.Teardown(instance, logging.CreateLogger("causeway.down")).RunAsync(instance, cancellationToken);
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
}
