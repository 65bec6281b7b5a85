using System.Globalization;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.OpenVpn;

/// <summary>
/// The openvpn process of one supervisor: how it is launched (or taken over), its pid file, and how it is made to go
/// away, politely first. Whether and when is the supervisor's business.
/// </summary>
internal sealed class OpenVpnProcessControl(
    OpenVpnLaunch launch,
    IProcessLauncher launcher,
    ISignals signals,
    IFileSystem fileSystem,
    TimeProvider time,
    ILogger logger,
    OpenVpnOutput output)
{
    /// <summary>How long openvpn gets to exit after SIGTERM (and again after SIGKILL).</summary>
    public static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Launches openvpn: an access server detached, with its output to its log file (emptied first, so that it says
    /// what this process did); the provider tunnel dying with the daemon, its output into the daemon's log.
    /// </summary>
    public IRunningProcess Start()
    {
        if (launch.LogFilePath is not { } log)
        {
            // In a session of its own, so that a hang-up of the daemon's terminal never reaches it.
            return launcher.Start(new ProcessSpec(
                launch.OpenVpnPath, ["--config", launch.ConfigPath], DieWithParent: true, OnOutputLine: output.OnLine, OwnSession: true));
        }

        output.EmptyLogFile(log);
        return launcher.Start(new ProcessSpec(launch.OpenVpnPath, ["--config", launch.ConfigPath], DieWithParent: false, DetachedLogFile: log));
    }

    /// <summary>An openvpn left running by a previous daemon, watched through /proc since it is not our child.</summary>
    public IRunningProcess TakeOver(int pid) => new AdoptedOpenVpn(pid, launch.ConfigPath, signals, fileSystem, time, logger);

    /// <summary>
    /// Makes sure the process is gone. When stopping: `signal SIGTERM` through management (a plain SIGTERM without
    /// it), after <paramref name="announceStopping"/>. When the session broke while openvpn still runs, or never
    /// came up: SIGTERM. At EOF it is on its way out already. Whatever is still alive after
    /// <see cref="ExitTimeout"/> gets SIGKILL. Returns the exit code, or null if it will not die.
    /// </summary>
    public async Task<int?> EndAsync(IRunningProcess process, ManagementSession? session, bool stopping, Action announceStopping)
    {
        if (!process.Exited.IsCompleted)
        {
            var sessionOpen = session is not null && session.IsOpen;
            if (stopping)
            {
                announceStopping();
                var asked = sessionOpen && await session!.AskToExitAsync();
                if (!asked)
                {
                    process.Signal(UnixSignals.Terminate);
                }
            }
            else if (sessionOpen || session is null)
            {
                process.Signal(UnixSignals.Terminate);
            }

            if (!await WaitExitAsync(process))
            {
                logger.LogWarning(
                    "openvpn (pid {Pid}) did not exit within {Seconds} s: killing it", process.Id, ExitTimeout.TotalSeconds);
                process.Signal(UnixSignals.Kill);
                if (!await WaitExitAsync(process))
                {
                    logger.LogError("openvpn (pid {Pid}) survived SIGKILL for {Seconds} s", process.Id, ExitTimeout.TotalSeconds);
                    return null;
                }
            }
        }

        var code = await process.Exited;
        logger.LogInformation("openvpn (pid {Pid}) exited with code {Code}", process.Id, code);
        return code;
    }

    /// <summary>So that the next run can find and stop an openvpn left behind (<see cref="StaleOpenVpnReaper"/>).</summary>
    public void WritePidFile(int pid)
    {
        try
        {
            fileSystem.WriteAllTextAtomic(
                launch.PidFilePath,
                pid.ToString(CultureInfo.InvariantCulture) + "\n",
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("writing the pid file {PidFile}: {Error}", launch.PidFilePath, e.Message);
        }
    }

    public void DeletePidFile()
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

    private async Task<bool> WaitExitAsync(IRunningProcess process)
    {
        // Not our child: no SIGCHLD says it is gone, so /proc is read at once (its socket has just closed, or it was just signalled).
        (process as AdoptedOpenVpn)?.CheckNow();
        try
        {
            await process.Exited.WaitAsync(ExitTimeout, time);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
