using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.OpenVpn;

/// <summary>
/// An openvpn this daemon did not start (an access server left running by a previous `causeway up`) and so cannot
/// wait for: its exit is noticed by looking at /proc every <see cref="PollInterval"/> (its management socket closing
/// tells the supervisor first), and it is signalled through the signal seam (kill(2)), only while /proc still says it
/// is our openvpn.
/// </summary>
internal sealed class AdoptedOpenVpn : IRunningProcess
{
    /// <summary>How often /proc is read. Its death is normally seen first as EOF on the management socket.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>What <see cref="Exited"/> gives: the exit status of a process that is not our child is not ours to read.</summary>
    public const int UnknownExitCode = -1;

    private readonly string _configPath;
    private readonly ISignals _signals;
    private readonly ILogger _logger;
    private readonly IFileSystem _files;
    private readonly CancellationTokenSource _disposed = new();
    private readonly SemaphoreSlim _checkNow = new(0, 1);

    public AdoptedOpenVpn(int pid, string configPath, ISignals signals, IFileSystem files, TimeProvider time, ILogger logger)
    {
        Id = pid;
        _configPath = configPath;
        _signals = signals;
        _logger = logger;
        _files = files;
        Exited = WatchAsync(time, _disposed.Token);
    }

    public int Id { get; }

    public Task<int> Exited { get; }

    public void Signal(int signal)
    {
        if (Exited.IsCompleted || !OpenVpnProcessFacts.IsOurLiveOpenVpn(_files, Id, _configPath))
        {
            return;
        }

        // Whether it worked shows in Exited; a process that has just exited is not an error.
        try
        {
            _signals.Send(Id, signal);
        }
        catch (IOException e)
        {
            _logger.LogWarning("could not signal the adopted openvpn (pid {Pid}): {Error}", Id, e.Message);
        }
    }

    /// <summary>Looks at /proc now rather than at the next poll: its management socket just closed.</summary>
    public void CheckNow()
    {
        try
        {
            _checkNow.Release();
        }
        catch (SemaphoreFullException)
        {
            // A check is already due.
        }
    }

    public void Dispose()
    {
        // Not disposed itself: the watch may still be between two reads; cancelling is what ends it.
        _disposed.Cancel();
    }

    private async Task<int> WatchAsync(TimeProvider time, CancellationToken disposed)
    {
        while (OpenVpnProcessFacts.IsOurLiveOpenVpn(_files, Id, _configPath))
        {
            using var tick = new CancellationTokenSource(PollInterval, time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(tick.Token, disposed);
            try
            {
                await _checkNow.WaitAsync(either.Token);
            }
            catch (OperationCanceledException) when (!disposed.IsCancellationRequested)
            {
                // The poll interval passed.
            }
            catch (OperationCanceledException)
            {
                // Disposed: nobody waits any more; stop reading /proc.
                return UnknownExitCode;
            }
        }

        return UnknownExitCode;
    }
}
