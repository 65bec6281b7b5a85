using System.CommandLine;
using System.Text.Json;
using Causeway.Cli.Daemon;
using Causeway.Cli.Output;
using Causeway.Cli.Views;
using Causeway.Core.Model;
using Causeway.Engine.Composition;
using Causeway.Engine.Daemon;
using Causeway.Engine.Preflight;
using Spectre.Console;

namespace Causeway.Cli.Commands;

/// <summary>`causeway status`: asks the running daemon over its own unix socket. Needs no root.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var json = CommonOptions.Json("Print the status as JSON");
        var command = new Command("status", "Show what the running `causeway up` sees: each hop of clients' traffic, tunnel, overlay, kill switch, drift repairs")
        {
            config,
            json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var root = CliComposition.Create();
            var configPath = parse.GetValue(config)!;
            var runDirectory = ResolveRunDirectory(root, configPath, parse.GetResult(config)?.Implicit ?? true);
            if (runDirectory is null)
            {
                return ExitCodes.InvalidInput;
            }

            var socket = Path.Combine(runDirectory, "causeway.sock");
            var client = new StatusClient(root.Machine);
            var report = await client.TryGetAsync(socket, cancellationToken);
            if (client.Denied is { } denied)
            {
                Console.Error.WriteLine(denied);
                return ExitCodes.Failed;
            }

            if (report is null)
            {
                Console.Error.WriteLine($"causeway is not running: nothing answers on {socket} (start it with `sudo causeway up -c {configPath}`)");
                return ExitCodes.Failed;
            }

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(report, DaemonJsonContext.Default.StatusReport));
            }
            else
            {
                StatusView.Render(AnsiConsole.Console, report, root.Time.GetUtcNow(), root.Time.LocalTimeZone);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The run directory from the config. Without -c, a config that is missing or that this user may not read
    /// (it may be 0600) falls back to the default run directory: status is for anyone. A config given with -c
    /// must load.
    /// </summary>
    private static string? ResolveRunDirectory(CompositionRoot root, string configPath, bool configIsDefault)
    {
        var read = root.ConfigReader().Read(configPath, PreflightOptions.Status);
        if (read.Settings is { } settings)
        {
            return settings.Instance.RunDirectory;
        }

        if (configIsDefault)
        {
            return InstanceSettings.DefaultRunDirectory;
        }

        DiagnosticsPrinter.Print(Console.Error, read.Diagnostics);
        return null;
    }
}
