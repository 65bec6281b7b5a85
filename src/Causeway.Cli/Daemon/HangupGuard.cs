using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Causeway.Cli.Daemon;

/// <summary>
/// `causeway up` takes SIGHUP (a closed terminal, or a `kill -HUP` meant as "reload") as nothing: it logs it and
/// goes on. Left to the default action, the signal ended the daemon silently and stopped OpenVPN and the access
/// servers with it. Reload comes later (with the service); until then, a changed config needs a restart.
/// Registered from the start of `up`: messages go to stderr until the host's logger takes over (<see cref="LogTo"/>).
/// </summary>
public sealed class HangupGuard : IDisposable
{
    public const string Message =
        "SIGHUP ignored: reload is not supported yet; to apply a changed config, restart causeway up "
        + "(OpenVPN and the access servers keep running, in sessions of their own)";

    private readonly PosixSignalRegistration _registration;
    private volatile ILogger? _logger;

    private HangupGuard()
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnHangup);
    }

    public static HangupGuard Register() => new();

    /// <summary>From now on, a hang-up is a warning in the daemon's log.</summary>
    public void LogTo(ILogger logger) => _logger = logger;

    public void Dispose() => _registration.Dispose();

    private void OnHangup(PosixSignalContext context)
    {
        // Cancel = true: the runtime then skips the default action (which would end the process).
        context.Cancel = true;
        if (_logger is { } logger)
        {
            logger.LogWarning("{Message}", Message);
        }
        else
        {
            try
            {
                Console.Error.WriteLine(Message);
            }
            catch (IOException)
            {
                // The terminal that hung up is gone: nobody to tell.
            }
        }
    }
}
