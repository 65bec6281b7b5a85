using Causeway.Core.Access;
using Causeway.Core.Model;
using Causeway.Core.Planning;
using Causeway.Core.Reload;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.Daemon;

/// <summary>
/// The first half of a reload: the config read again with `up`'s own checks, compared with the one in force
/// (<see cref="ReloadPlan.Between"/>), and checked against the overlay as it is now, as `up` checks it before it changes
/// anything. Says everything it finds in the log, as `up` prints it; changes nothing. <see cref="GatewayDaemon"/>
/// applies what it accepts.
/// </summary>
public sealed class ReloadCheck(ILogger logger)
{
    /// <param name="running">The config in force (and the OpenVPN config the tunnel was started with).</param>
    /// <param name="overlay">The overlay as last read.</param>
    public ReloadCheckResult Check(GatewayReload reload, GatewayInputs running, OverlayFacts overlay)
    {
        var path = running.Settings.ConfigPath;
        logger.LogInformation("reloading {Path}", path);
        var read = reload.ReadConfig();
        var errors = new List<string>();
        foreach (var finding in read.Findings)
        {
            // The lines `up` prints: "file:line:column: error: …", "…: warning: …", and what the profile's check kept.
            if (finding.Contains(": error:", StringComparison.Ordinal))
            {
                errors.Add(finding);
                logger.LogError("{Finding}", finding);
            }
            else if (finding.Contains(": warning:", StringComparison.Ordinal))
            {
                logger.LogWarning("{Finding}", finding);
            }
            else
            {
                logger.LogInformation("{Finding}", finding);
            }
        }

        if (read.HasErrors || read.Inputs is not { } next)
        {
            logger.LogError("reload refused: {Path} has errors (above); the running config stays in force", path);
            return ReloadCheckResult.Refuse(errors.FirstOrDefault() ?? $"{path} could not be read");
        }

        var plan = ReloadPlan.Between(running.Settings, next.Settings, running.OpenVpnConfig, next.OpenVpnConfig);
        if (plan.IsRefused)
        {
            var keys = string.Join(", ", plan.Changes.Where(c => c.Effect == ReloadEffect.Restart));
            var message = $"{keys}: cannot change while causeway up runs; restart it to apply (the access servers keep their clients across a restart)";
            logger.LogError("reload refused: {Message}; the running config stays in force", message);
            return ReloadCheckResult.Refuse(message);
        }

        var conflicts = EgressConflicts.Find(next.Settings.Egress, overlay)
            .AddRange(next.Settings.Access is { } access ? AccessConflicts.Find(access, overlay, TunnelFacts.Down) : []);
        if (!conflicts.IsEmpty)
        {
            foreach (var conflict in conflicts)
            {
                logger.LogError("{Path}: {Conflict}", path, conflict);
            }

            logger.LogError("reload refused: {Path} conflicts with the overlay (above); the running config stays in force", path);
            return ReloadCheckResult.Refuse(conflicts[0]);
        }

        if (plan.IsEmpty)
        {
            logger.LogInformation("reload: {Path} says what the running config says: nothing to change", path);
        }
        else
        {
            logger.LogInformation("reload: {Changes}; restarting {Restarts}", string.Join("; ", plan.Changes), plan.Restarts());
        }

        return new ReloadCheckResult(next, plan, null);
    }
}
