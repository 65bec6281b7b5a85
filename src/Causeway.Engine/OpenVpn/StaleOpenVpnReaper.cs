using System.Globalization;
using Causeway.Core.Management;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.OpenVpn;

/// <summary>
/// Stops an openvpn left behind by a previous run (a daemon killed before its child, or one started by hand with
/// the same config): it would hold the tun device and the management socket, and the new one would fail with
/// `TUNSETIFF ... Device or resource busy`. Only a live process whose command line names our config path is
/// touched, so a reused pid is never killed.
/// </summary>
internal sealed class StaleOpenVpnReaper(
    OpenVpnLaunch launch,
    IProcessLauncher launcher,
    IUnixSocketConnector connector,
    IFileSystem fileSystem,
    TimeProvider timeProvider,
    ILogger logger)
{
    private static readonly TimeSpan PoliteTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns the pid it stopped, or null if there was nothing to stop.</summary>
    public async Task<int?> ReapAsync(CancellationToken cancellationToken)
    {
        if (ReadPid() is not { } pid)
        {
            return null;
        }

        if (!IsOurLiveOpenVpn(pid))
        {
            logger.LogDebug("the pid file {PidFile} names {Pid}, which is not a live openvpn with our config: left alone", launch.PidFilePath, pid);
            DeletePidFile();
            return null;
        }

        logger.LogWarning("an openvpn from a previous run is still running (pid {Pid}, config {Config}): stopping it", pid, launch.ConfigPath);

        // Politely first: through its management socket it exits cleanly (and tells the server).
        try
        {
            await using var client = await ManagementClient.ConnectAsync(
                connector, launch.ManagementSocketPath, timeProvider, PoliteTimeout, cancellationToken);
            await client.SendAsync(ManagementCommands.SignalTerminate, cancellationToken).WaitAsync(PoliteTimeout, timeProvider, cancellationToken);
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException)
        {
            logger.LogDebug("asking the old openvpn to exit through {Socket}: {Error}", launch.ManagementSocketPath, e.Message);
        }

        if (!await WaitGoneAsync(pid, cancellationToken))
        {
            // Then by force. The launcher is the engine's only way to run something; kill(1) does the job.
            logger.LogWarning("the old openvpn (pid {Pid}) did not exit on SIGTERM: killing it", pid);
            using var kill = launcher.Start(new ProcessSpec(
                "kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)], DieWithParent: false));
            try
            {
                await kill.Exited.WaitAsync(ExitTimeout, timeProvider, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Checked below.
            }

            if (!await WaitGoneAsync(pid, cancellationToken))
            {
                logger.LogError(
                    "could not stop the old openvpn (pid {Pid}); the new one may fail to open its tun device", pid);
                return null;
            }
        }

        DeletePidFile();
        return pid;
    }

    private int? ReadPid()
    {
        try
        {
            if (!fileSystem.Stat(launch.PidFilePath).Exists)
            {
                return null;
            }

            var text = fileSystem.ReadAllText(launch.PidFilePath).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 1 ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("reading the pid file {PidFile}: {Error}", launch.PidFilePath, e.Message);
            return null;
        }
    }

    private bool IsOurLiveOpenVpn(int pid)
    {
        try
        {
            // NUL-separated arguments: our config path must be one of them.
            var arguments = fileSystem.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            return arguments.Contains(launch.ConfigPath, StringComparer.Ordinal) && IsAlive(pid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Gone, or a zombie (init reaps orphans late here).</summary>
    private bool IsAlive(int pid)
    {
        try
        {
            var stat = fileSystem.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat.LastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.Length || stat[afterName + 2] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private async Task<bool> WaitGoneAsync(int pid, CancellationToken cancellationToken)
    {
        var start = timeProvider.GetTimestamp();
        while (IsAlive(pid))
        {
            if (timeProvider.GetElapsedTime(start) >= ExitTimeout)
            {
                return false;
            }

            await Task.Delay(PollInterval, timeProvider, cancellationToken);
        }

        return true;
    }

    private void DeletePidFile()
    {
        try
        {
            fileSystem.DeleteFile(launch.PidFilePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogDebug("deleting the pid file {PidFile}: {Error}", launch.PidFilePath, e.Message);
        }
    }
}
