using System.Collections.Immutable;
using System.Net;
using Causeway.Core.Access;
using Causeway.Core.Model;
using Causeway.Engine.OpenVpn;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.Access;

/// <summary>
/// The access servers outlive `causeway up` (a crash or restart of the daemon must not drop the phones). So `up`
/// first looks at what a previous one left running: a server whose pid file names a live openvpn started with its
/// config path, and whose config file holds byte for byte what this `up` would write (PKI included), is taken over;
/// any other is stopped (SIGTERM, then SIGKILL) before the kill switch is brought up to date, so that no server with
/// an outdated device or pool runs under a kill switch that no longer names it. A pid file naming anything else is
/// stale: it is deleted and the process left alone. `causeway down` stops them all.
/// </summary>
public sealed class AccessServerTakeover(
    IFileSystem files,
    ISignals signals,
    IUnixSocketConnector connector,
    TimeProvider time,
    ILogger logger)
{
    private static readonly ImmutableArray<AccessTransport> Transports = [AccessTransport.Udp, AccessTransport.Tcp];

    /// <summary>
    /// Returns the pid of each server to take over, by transport; stops every other access server of this instance
    /// that still runs (those of a transport [access] no longer has, or with [access] gone, too).
    /// </summary>
    /// <param name="access">[access] now, or null without it.</param>
    /// <param name="overlaySubnets">The overlay's subnets now (the configs push them with allow_overlay).</param>
    public async Task<ImmutableDictionary<AccessTransport, int>> PrepareAsync(
        InstanceSettings instance, AccessSettings? access, ImmutableArray<IPNetwork> overlaySubnets, CancellationToken cancellationToken)
    {
        var wanted = access is null ? [] : AccessServerConfigs.Render(files, instance, access, overlaySubnets);
        var adopt = ImmutableDictionary.CreateBuilder<AccessTransport, int>();
        foreach (var transport in Transports)
        {
            var launch = Launch(instance, transport);
            if (ReadPid(launch) is not { } pid)
            {
                continue;
            }

            var name = TransportName(transport);
            if (!OpenVpnProcessFacts.IsOurLiveOpenVpn(files, pid, launch.ConfigPath))
            {
                logger.LogInformation(
                    "the pid file {PidFile} names {Pid}, which is not a live openvpn with {Config}: the {Transport} access server starts afresh",
                    launch.PidFilePath, pid, launch.ConfigPath, name);
                DeletePidFile(launch.PidFilePath);
                continue;
            }

            var config = wanted.FirstOrDefault(c => c.Launch.Server.Transport == transport);
            var why = config is null
                ? $"[access] {(access is null ? "is gone" : $"has no {name} server any more")}"
                : !SameContent(launch.ConfigPath, config.Text)
                    ? "its config is not what this `causeway up` writes (the config, the overlay's subnets or the PKI changed)"
                    : null;
            if (why is null)
            {
                logger.LogInformation(
                    "the {Transport} access server left by a previous `causeway up` still runs (pid {Pid}) with the config this one writes: taking it over",
                    name, pid);
                adopt[transport] = pid;
                continue;
            }

            await Reaper(launch).ReapAsync(cancellationToken, $"the {name} access server left by a previous `causeway up` is restarted: {why}");
        }

        return adopt.ToImmutable();
    }

    /// <summary>`causeway down`: stops every access server of this instance that runs. Returns what it stopped, e.g. "udp (pid 4242)".</summary>
    public async Task<ImmutableArray<string>> StopAllAsync(InstanceSettings instance, CancellationToken cancellationToken)
    {
        var stopped = ImmutableArray.CreateBuilder<string>();
        foreach (var transport in Transports)
        {
            var name = TransportName(transport);
            if (await Reaper(Launch(instance, transport)).ReapAsync(cancellationToken, $"the {name} access server runs", LogLevel.Information) is { } pid)
            {
                stopped.Add($"{name} (pid {pid})");
            }
        }

        return stopped.ToImmutable();
    }

    /// <summary>Where a server of this transport keeps its files (whatever [access] says now: it may have changed).</summary>
    private static OpenVpnLaunch Launch(InstanceSettings instance, AccessTransport transport)
    {
        var paths = AccessPaths.For(instance);
        var server = new AccessServerSettings(transport, 0, string.Empty, default);
        return new OpenVpnLaunch("openvpn", paths.ServerConfig(server), paths.ManagementSocket(server), paths.PidFile(server));
    }

    private StaleOpenVpnReaper Reaper(OpenVpnLaunch launch) => new(launch, signals, connector, files, time, logger);

    private int? ReadPid(OpenVpnLaunch launch)
    {
        try
        {
            return OpenVpnProcessFacts.ReadPidFile(files, launch.PidFilePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("reading the pid file {PidFile}: {Error}", launch.PidFilePath, e.Message);
            return null;
        }
    }

    private bool SameContent(string path, string text)
    {
        try
        {
            return files.Stat(path).Exists && string.Equals(files.ReadAllText(path), text, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private void DeletePidFile(string path)
    {
        try
        {
            files.DeleteFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogDebug("deleting the pid file {PidFile}: {Error}", path, e.Message);
        }
    }

    private static string TransportName(AccessTransport transport) => transport == AccessTransport.Udp ? "udp" : "tcp";
}
