using System.Collections.Immutable;
using System.CommandLine;
using System.Net;
using Causeway.Cli.Daemon;
using Causeway.Core.Model;
using Causeway.Core.Planning;
using Causeway.Engine.Composition;
using Causeway.Engine.HostState;
using Causeway.Engine.Preflight;
using Causeway.Engine.Seams;
using Causeway.Engine.ZeroTier;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Causeway.Cli.Commands;

/// <summary>
/// `causeway plan`: what `up` would change on this host now, as a readable diff. Changes nothing, and needs no root:
/// as a user it reads what it can (the config, the profile and the files readable to the user, `ip -json`) and
/// says what it could not (files only root may read, nftables), planning as if Causeway's nft table were absent.
/// </summary>
public static class PlanCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var verbose = CommonOptions.Verbose();
        var command = new Command("plan", "Show what `causeway up` would change on this host, and change nothing") { config, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var root = CliComposition.Create();
            var configPath = parse.GetValue(config)!;
            var read = root.InputsReader().Read(configPath, PreflightOptions.Plan, parse.GetValue(verbose));
            foreach (var finding in read.Findings)
            {
                Console.Error.WriteLine(finding);
            }

            if (read.HasErrors || read.Settings is not { } settings)
            {
                return ExitCodes.InvalidInput;
            }

            try
            {
                var (plan, budget, notes, conflicts) = await PlanAsync(settings, root, cancellationToken);
                if (!conflicts.IsEmpty)
                {
                    // Like a bad config: `up` would refuse it before changing anything.
                    foreach (var conflict in conflicts)
                    {
                        Console.Error.WriteLine($"{settings.ConfigPath}: error: {conflict}");
                    }

                    return ExitCodes.InvalidInput;
                }

                Console.Out.Write(PlanFormatter.Format(plan));
                Console.Out.Write(budget.Describe());
                foreach (var note in notes)
                {
                    Console.Out.WriteLine(note);
                }

                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is OverlayResolutionException or CommandFailedException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"planning: {e.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    /// <summary>
    /// The tunnel's state comes from the running daemon if there is one (so a converged host plans no changes);
    /// otherwise the tunnel is taken as down, which is how `up` starts.
    /// </summary>
    private static async Task<(HostPlan Plan, MssBudget Budget, IReadOnlyList<string> Notes, ImmutableArray<string> Conflicts)> PlanAsync(CausewaySettings settings, CompositionRoot root, CancellationToken cancellationToken)
    {
        // What the resolver waits for (zerotier-one starting, a network being rejoined) goes to stderr: stdout is the plan.
        using var logging = LoggerFactory.Create(l =>
        {
            l.AddSimpleConsole(c => c.SingleLine = true);
            l.Services.Configure<ConsoleLoggerOptions>(c => c.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        using var resolver = root.OverlayResolver(logging);
        var overlay = await resolver.ResolveAsync(settings.Overlay, cancellationToken);
        var running = await new StatusClient(root.Machine).TryGetAsync(settings.Instance.StatusSocketPath, cancellationToken);
        var tunnel = running is null
            ? TunnelFacts.Down
            : new TunnelFacts(
                running.Tunnel.Connected,
                running.Tunnel.LocalAddress is { } local ? IPAddress.Parse(local) : null,
                [.. running.Tunnel.PushedDns.Select(IPAddress.Parse)]);
        var conflicts = EgressConflicts.Find(settings.Egress, overlay.Facts);
        var inputs = Planner.Inputs(settings, overlay.Facts, tunnel, UplinkMtuReader.Read(root.Files));
        var desired = Planner.Plan(inputs);
        var (observed, unread) = await root.HostObserver().ObserveWhatCanBeReadAsync(OwnedNames.From(settings.Instance), cancellationToken);
        var notes = new List<string>();
        if (running is null)
        {
            notes.Add(settings.Egress.OverlayGateway is { } gateway
                ? $"(causeway is not running: planned with the gateway {gateway} not answering yet; the route via it is added when it answers)"
                : "(causeway is not running: planned with the tunnel down; its default route is added when the tunnel connects)");
        }

        notes.AddRange(unread.Select(what => $"(not read without root: {what}; run `sudo causeway plan` for the exact plan)"));
        return (HostDiff.Diff(desired, observed), MssBudget.For(inputs), notes, conflicts);
    }
}
