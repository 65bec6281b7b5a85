using Causeway.Engine.Daemon;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.Instance;

/// <summary>
/// `causeway up` takes SIGHUP (`systemctl reload`'s `kill -HUP`, or a closed terminal) as "read the config again": it
/// asks the reconcile loop for a reload (<see cref="Requests"/>) and goes on. Left to the default action, the signal
/// ended the daemon silently and stopped OpenVPN and the access servers with it. Registered from the start of `up`, so
/// that no hang-up during its checks ends it either: messages go to <c>stderr</c> until the host's logger takes over
/// (<see cref="LogTo"/>), and a request made before the loop runs is carried out once it does.
/// </summary>
public sealed class HangupGuard : IDisposable
{
    public const string Message = "SIGHUP: reading the config again";

    public const string EarlyMessage = "SIGHUP: the config will be read again once causeway up has started";

    private readonly IDisposable _registration;
    private readonly TextWriter _early;
    private volatile ILogger? _logger;

    private HangupGuard(ISignals signals, TextWriter early)
    {
        _early = early;
        _registration = signals.Intercept(UnixSignals.Hangup, OnHangup);
    }

    /// <summary>What the reconcile loop reads: one request per hang-up (several before it gets to them are one).</summary>
    public ReloadRequests Requests { get; } = new();

    /// <param name="early">Where a hang-up is said before <see cref="LogTo"/> (the process's stderr).</param>
    public static HangupGuard Register(ISignals signals, TextWriter early) => new(signals, early);

    /// <summary>From now on, a hang-up is said in the daemon's log.</summary>
    public void LogTo(ILogger logger) => _logger = logger;

    public void Dispose() => _registration.Dispose();

    private void OnHangup()
    {
        Requests.Request();
        if (_logger is { } logger)
        {
            logger.LogInformation("{Message}", Message);
            return;
        }

        try
        {
            _early.WriteLine(EarlyMessage);
        }
        catch (IOException)
        {
            // The terminal that hung up is gone: nobody to tell.
        }
    }
}
