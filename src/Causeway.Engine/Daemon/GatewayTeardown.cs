using Causeway.Core.Access;
using Causeway.Core.Model;
using Causeway.Core.Planning;
using Causeway.Engine.Access;
using Causeway.Engine.Boot;
using Causeway.Engine.HostState;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.Daemon;

/// <summary>
/// `causeway down`: stops the access servers (they outlive `causeway up`), then removes exactly what Causeway added —
/// its rules, its table's routes, its nft table, the sysctls it changed (only where they still hold its value) and
/// its runtime files, and the kill switch saved for the next boot — and nothing else. The names come from the state
/// file when there is one (the config may have changed since `up`), else from the config.
/// </summary>
/// <param name="accessServers">Stops the access servers; null where there can be none (tests of other parts).</param>
public sealed class GatewayTeardown(
    HostObserver observer, HostApplier applier, StateStore state, IFileSystem files, ILogger logger, AccessServerTakeover? accessServers = null)
{
    /// <summary>Returns the plan it applied (empty if there was nothing of Causeway's on the host).</summary>
    public async Task<HostPlan> RunAsync(InstanceSettings instance, CancellationToken cancellationToken)
    {
        // First, while the kill switch still holds their devices: what is observed next is then the host without them.
        if (accessServers is not null)
        {
            var stopped = await accessServers.StopAllAsync(instance, cancellationToken);
            if (!stopped.IsEmpty)
            {
                logger.LogInformation("stopped the access servers: {Servers}", string.Join(", ", stopped));
            }
        }

        var recorded = state.Load();
        var owned = recorded.Owned ?? OwnedNames.From(instance);
        var observed = await observer.ObserveAsync(owned, recorded.Sysctls.Select(s => s.Name), cancellationToken);
        var plan = HostDiff.Teardown(owned, observed, recorded.Sysctls);
        foreach (var conflict in plan.Conflicts)
        {
            logger.LogWarning("not Causeway's, left alone: {Conflict}", conflict);
        }

        await applier.ApplyAsync(plan, cancellationToken);

        // After the host is undone, not before: a `down` that failed half-way leaves the next boot closed, not open.
        if (BootKillSwitch is { } boot && new OwnedDirectories(files).Problem(instance.StateDirectory, instance.Name) is null && boot.Delete())
        {
            logger.LogInformation("removed the kill switch saved for the next boot ({Path})", boot.Path);
        }

        RemoveRunFiles(instance);
        return plan;
    }

    /// <summary>The kill switch `up` saved for `causeway boot`: removed with the rest, so the next boot does nothing. Null: left alone (tests of other parts).</summary>
    public BootKillSwitchStore? BootKillSwitch { get; init; }

    /// <summary>
    /// The generated OpenVPN config holds the provider's keys: it goes, and so do the access servers' configs,
    /// sockets, pid files and logs (of both transports: the config may have changed since `up`) and the control socket.
    /// Directories go only if Causeway's files were all that was in them. The access PKI and the client registry
    /// (under state_dir) stay: they outlive `down`, or every client would need a new profile.
    /// </summary>
    private void RemoveRunFiles(InstanceSettings instance)
    {
        // Only from a directory that is the instance's own: `down` with a run_dir that someone else's files are in
        // (run_dir = "/etc" would name /etc/openvpn/client.conf) deletes nothing there.
        var owned = new OwnedDirectories(files);
        if (owned.Problem(instance.RunDirectory, instance.Name) is { } problem)
        {
            logger.LogWarning("not deleting anything from {Directory}: {Problem}", instance.RunDirectory, problem);
        }
        else
        {
            RemoveOwnRunFiles(instance, owned);
        }

        if (owned.Problem(instance.StateDirectory, instance.Name) is null)
        {
            // This month's egress counts go with the rest of Causeway's state; its mark goes with it when nothing else
            // is left (the access PKI, when there is one, stays).
            if (files.Stat(instance.EgressUsagePath).Exists)
            {
                files.DeleteFile(instance.EgressUsagePath);
            }

            owned.RemoveIfEmpty(instance.StateDirectory);
        }
    }

    private void RemoveOwnRunFiles(InstanceSettings instance, OwnedDirectories owned)
    {
        var paths = AccessPaths.For(instance);
        var access = new[] { AccessTransport.Udp, AccessTransport.Tcp }
            .Select(t => new AccessServerSettings(t, 0, string.Empty, default))
            .SelectMany(s => new[] { paths.ServerConfig(s), paths.ManagementSocket(s), paths.PidFile(s), paths.ServerLog(s) });
        foreach (var file in new[] { instance.OpenVpnConfigPath, instance.OpenVpnPidPath, instance.ManagementSocketPath, instance.StatusSocketPath, ControlApi.SocketPath(instance) }.Concat(access))
        {
            if (files.Stat(file).Exists)
            {
                files.DeleteFile(file);
            }
        }

        owned.RemoveIfEmpty(ControlApi.Directory(instance));
        owned.RemoveIfEmpty(instance.OpenVpnDirectory);
    }
}
