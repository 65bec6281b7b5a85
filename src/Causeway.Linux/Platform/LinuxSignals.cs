using System.Globalization;
using System.Runtime.InteropServices;
using Causeway.Engine.Seams;

namespace Causeway.Linux.Platform;

/// <summary>kill(2) to send; the runtime's <see cref="PosixSignalRegistration"/> to take a signal instead of its default action.</summary>
public sealed class LinuxSignals : ISignals
{
    private const int Esrch = 3;

    public bool Send(int processId, int signal)
    {
        // Never 0 or negative: kill(0) and kill(-n) signal whole process groups, this one's included.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(processId);
        if (NativeMethods.Kill(processId, signal) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == Esrch
            ? false
            : throw new IOException(string.Create(CultureInfo.InvariantCulture, $"sending signal {signal} to process {processId}: {NativeMethods.Describe(errno)}"));
    }

    public IDisposable Intercept(int signal, Action onSignal) =>
        PosixSignalRegistration.Create(ToPosix(signal), context =>
        {
            // Cancel = true: the runtime then skips the default action (which, for SIGHUP, would end the process).
            context.Cancel = true;
            onSignal();
        });

    /// <summary>The runtime's own names where it has them (it handles those portably); the raw number otherwise.</summary>
    private static PosixSignal ToPosix(int signal) => signal switch
    {
        UnixSignals.Hangup => PosixSignal.SIGHUP,
        UnixSignals.Interrupt => PosixSignal.SIGINT,
        UnixSignals.Terminate => PosixSignal.SIGTERM,
        UnixSignals.Continue => PosixSignal.SIGCONT,
        _ => (PosixSignal)signal,
    };
}
