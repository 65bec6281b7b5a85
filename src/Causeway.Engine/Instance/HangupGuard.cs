using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.Instance;

/// <summary>
/// `causeway up` takes SIGHUP (a closed terminal, or a `kill -HUP` meant as "reload") as nothing: it logs it and
/// goes on. Left to the default action, the signal ended the daemon silently and stopped OpenVPN and the access
/// servers with it. Reload comes later (with the service); until then, a changed config needs a restart.
/// Registered from the start of `up`: messages go to <c>stderr</c> until the host's logger takes over (<see cref="LogTo"/>).
/// </summary>
public sealed class HangupGuard : IDisposable
{
    public const string Message =
        "SIGHUP ignored: reload is not supported yet; to apply a changed config, restart causeway up "
        + "(OpenVPN and the access servers keep running, in sessions of their own)";

    private readonly IDisposable _registration;
    private readonly TextWriter _early;
    private volatile ILogger? _logger;

    private HangupGuard(ISignals signals, TextWriter early)
    {
        _early = early;
        _registration = signals.Intercept(UnixSignals.Hangup, OnHangup);
    }

    /// <param name="early">Where a hang-up is said before <see cref="LogTo"/> (the process's stderr).</param>
    public static HangupGuard Register(ISignals signals, TextWriter early) => new(signals, early);

    /// <summary>From now on, a hang-up is a warning in the daemon's log.</summary>
    public void LogTo(ILogger logger) => _logger = logger;

    public void Dispose() => _registration.Dispose();

    private void OnHangup()
    {
        if (_logger is { } logger)
        {
            logger.LogWarning("{Message}", Message);
            return;
        }

        try
        {
            _early.WriteLine(Message);
        }
        catch (IOException)
        {
            // The terminal that hung up is gone: nobody to tell.
        }
    }
}
