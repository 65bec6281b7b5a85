using Causeway.Core.Management;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.OpenVpn;

/// <summary>
/// Stops an openvpn named by a pid file: one left behind by a previous run (a daemon killed before its child, or one
/// started by hand with the same config), which would hold the tun device and the management socket so that the new
/// one failed with `TUNSETIFF ... Device or resource busy`; an access server whose config changed since it started;
/// or every access server at `causeway down`. Only a live process whose command line is openvpn with our config path
/// is touched, so a reused pid is never killed; a pid file naming anything else is deleted and the process left alone.
/// </summary>
internal sealed class StaleOpenVpnReaper(
    OpenVpnLaunch launch,
    ISignals signals,
    IUnixSocketConnector connector,
    IFileSystem fileSystem,
    TimeProvider timeProvider,
    ILogger logger)
{
    private static readonly TimeSpan PoliteTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Returns the pid it stopped, or null if there was nothing to stop (or it would not die).
    /// </summary>
    /// <param name="why">For the log: why it is stopped (default: it was left by a previous run).</param>
    /// <param name="level">How loud that line is: a leftover is a warning, `causeway down` doing its job is not.</param>
    public async Task<int?> ReapAsync(CancellationToken cancellationToken, string? why = null, LogLevel level = LogLevel.Warning)
    {
        if (ReadPid() is not { } pid)
        {
            return null;
        }

        if (!OpenVpnProcessFacts.IsOurLiveOpenVpn(fileSystem, pid, launch.ConfigPath))
        {
            logger.LogDebug("the pid file {PidFile} names {Pid}, which is not a live openvpn with our config: left alone", launch.PidFilePath, pid);
            DeletePidFile();
            return null;
        }

        logger.Log(
            level,
            "{What} (pid {Pid}, config {Config}): stopping it",
            why ?? "an openvpn from a previous run is still running", pid, launch.ConfigPath);
        return await StopAsync(pid, cancellationToken) ? pid : null;
    }

    /// <summary>
    /// `signal SIGTERM` through its management socket (it exits cleanly, and tells UDP clients), else a plain SIGTERM;
    /// SIGKILL if it is still there after <see cref="ExitTimeout"/>. The pid file goes once it is gone.
    /// </summary>
    private async Task<bool> StopAsync(int pid, CancellationToken cancellationToken)
    {
        var asked = false;
        try
        {
            await using var client = await ManagementClient.ConnectAsync(
                connector, launch.ManagementSocketPath, timeProvider, PoliteTimeout, cancellationToken);
            await client.SendAsync(ManagementCommands.SignalTerminate, cancellationToken).WaitAsync(PoliteTimeout, timeProvider, cancellationToken);
            asked = true;
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException)
        {
            logger.LogDebug("asking the openvpn to exit through {Socket}: {Error}", launch.ManagementSocketPath, e.Message);
        }

        if (!asked)
        {
            Signal(pid, UnixSignals.Terminate);
        }

        if (!await WaitGoneAsync(pid, cancellationToken))
        {
            logger.LogWarning("the openvpn (pid {Pid}) did not exit on SIGTERM: killing it", pid);
            Signal(pid, UnixSignals.Kill);
            if (!await WaitGoneAsync(pid, cancellationToken))
            {
                logger.LogError(
                    "could not stop the openvpn (pid {Pid}); a new one may fail to open its tun device", pid);
                return false;
            }
        }

        DeletePidFile();
        return true;
    }

    /// <summary>Through the signal seam; whether it worked is checked on /proc.</summary>
    private void Signal(int pid, int signal)
    {
        try
        {
            signals.Send(pid, signal);
        }
        catch (IOException e)
        {
            logger.LogWarning("could not signal the openvpn (pid {Pid}): {Error}", pid, e.Message);
        }
    }

    private int? ReadPid()
    {
        try
        {
            return OpenVpnProcessFacts.ReadPidFile(fileSystem, launch.PidFilePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("reading the pid file {PidFile}: {Error}", launch.PidFilePath, e.Message);
            return null;
        }
    }

    private async Task<bool> WaitGoneAsync(int pid, CancellationToken cancellationToken)
    {
        var start = timeProvider.GetTimestamp();
        while (OpenVpnProcessFacts.IsAlive(fileSystem, pid))
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
