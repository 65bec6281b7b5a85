using System.CommandLine;
using System.Text.Json;
using Causeway.Cli.Daemon;
using Causeway.Cli.Output;
using Causeway.Cli.Views;
using Causeway.Core.Access;
using Causeway.Engine.Daemon;
using Spectre.Console;

namespace Causeway.Cli.Commands;

/// <summary>
/// `causeway client list [--json]`: every client (revoked ones marked) with when it was added and last seen, and —
/// from the running daemon, through its control socket — whether it is connected now and how many bytes it moved.
/// Without a running daemon that column says "not running": not an error.
/// </summary>
public static class ClientListCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var json = CommonOptions.Json("Print the clients as JSON");
        var command = new Command("list", "List the clients: added, last seen, connected now, bytes") { config, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var root = CliComposition.Create();
            var inputs = AccessCommandInputs.Read(root, parse.GetValue(config)!, "client list", "it reads the client registry");
            if (inputs is null)
            {
                return ExitCodes.InvalidInput;
            }

            var clients = root.AccessClients(inputs.Access, inputs.Settings.Instance);
            AccessClientRegistry registry;
            try
            {
                registry = clients.ReadRegistry();
            }
            catch (AccessClientException e)
            {
                Console.Error.WriteLine($"causeway client list: {e.Message}");
                return ExitCodes.Failed;
            }

            ControlSessionsReport? live;
            string? notRunning;
            try
            {
                (live, notRunning) = await new ControlClient(root.Machine).TryGetSessionsAsync(ControlApi.SocketPath(inputs.Settings.Instance), cancellationToken);
            }
            catch (Exception e) when (e is IOException or HttpRequestException or TaskCanceledException)
            {
                (live, notRunning) = (null, $"asking the daemon: {e.Message}");
            }

            var now = root.Time.GetUtcNow();
            var sessions = live?.ToReport().Sessions ?? [];
            var rows = AccessClientReport.Build(registry, clients.ReadLastSeen(), sessions, now);
            var report = new ClientListReport(
                live is not null,
                [.. live?.Unreachable ?? [], .. notRunning is null ? [] : new[] { $"causeway is not running ({notRunning}): connected and bytes unknown" }],
                [.. rows.Select(r => ClientListEntry.From(r, live is not null))]);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.ClientListReport));
            }
            else
            {
                ClientListView.Render(AnsiConsole.Console, report, now);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
