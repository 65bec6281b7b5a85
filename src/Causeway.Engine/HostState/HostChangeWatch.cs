using System.Collections.Immutable;
using System.Threading.Channels;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.HostState;

/// <summary>
/// "Something on the host changed": the kernel's own change events, so that the reconcile loop repairs a deleted
/// rule, route or table at once instead of polling for it. Two long-lived children, each line of theirs a change:
/// `ip -o monitor link address route rule netconf` (netlink: links, addresses, routes, ip rules, and forwarding
/// turned off) and `nft monitor` (every nftables object: tables, chains, rules, sets). Their text is only a trigger:
/// the round that follows observes the host with `ip -json` and `nft -j` as always, so no event is parsed. Their
/// silence is worth something too: while both listen and say nothing, what `ip` last reported still holds
/// (<see cref="Mark"/>, <see cref="QuietSince"/>, used by <see cref="RoundObserver"/>).
/// </summary>
/// <remarks>
/// Lines are folded into one signal per <see cref="Debounce"/> (a table replaced whole is dozens of lines), taken from
/// the first line of a burst, so that a steady stream of events cannot postpone a round for ever. Causeway's own
/// applies are events too: each costs one more round that finds nothing to do. The children die with this process
/// (a parent-death signal, <see cref="ProcessSpec.DieWithParent"/>, even after a SIGKILL of the daemon), are killed
/// at <see cref="StopAsync"/>, and are started again with a growing pause (<see cref="RestartDelay"/>) when they exit
/// on their own: meanwhile the loop's interval still repairs drift.
/// </remarks>
public sealed class HostChangeWatch(IProcessLauncher processes, TimeProvider time, ILogger<HostChangeWatch> logger) : IAsyncDisposable
{
    /// <summary>How long a burst of events is gathered into one round.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(150);

    /// <summary>The first pause before a monitor that exited is started again; doubled each time, up to <see cref="MaxRestartDelay"/>.</summary>
    public static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a monitor just started is not yet trusted to hear everything: from its exec to its subscription to the
    /// kernel's events, a change would pass unheard (<see cref="Mark"/>).
    /// </summary>
    public static readonly TimeSpan ListenGrace = TimeSpan.FromSeconds(1);

    /// <summary>The monitors: what `ip` and `nft` report without being asked.</summary>
    public static readonly ImmutableArray<(string Program, ImmutableArray<string> Arguments)> Monitors =
    [
        ("ip", ["-o", "monitor", "link", "address", "route", "rule", "netconf"]),
        ("nft", ["monitor"]),
    ];

    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _gate = new();
    private readonly List<IRunningProcess> _running = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _watches = [];
    private ITimer? _pending;
    private bool _stopped;

    // Moves with every line, and with every start and exit of a monitor: what a mark is compared with.
    private long _generation;
    private long _lastStart;

    /// <summary>One item per burst of changes: a reason for a round (the loop's <c>LoopWait.WakeOn</c>).</summary>
    public ChannelReader<bool> Changes => _changes.Reader;

    /// <summary>
    /// Where the events stand, taken before the host is read: <see cref="QuietSince"/> then tells whether anything the
    /// monitors hear can have changed since that reading began.
    /// </summary>
    public HostChangeMark Mark()
    {
        lock (_gate)
        {
            var listening = !_stopped && _running.Count == Monitors.Length && time.GetElapsedTime(_lastStart) >= ListenGrace;
            return new HostChangeMark(_generation, listening);
        }
    }

    /// <summary>
    /// True if every monitor was listening at <paramref name="mark"/> and none has said anything, exited or started
    /// since: links, addresses, routes, ip rules and nftables are as a reading begun at the mark found them.
    /// </summary>
    public bool QuietSince(HostChangeMark mark)
    {
        lock (_gate)
        {
            return mark.Listening && !_stopped && _generation == mark.Generation;
        }
    }

    /// <summary>Starts the monitors and returns; a monitor that cannot start is logged and retried like one that exits.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_watches.Count > 0 || _stopped)
            {
                return;
            }

            foreach (var (program, arguments) in Monitors)
            {
                _watches.Add(Task.Run(() => WatchAsync(program, arguments, _stop.Token)));
            }
        }
    }

    /// <summary>Kills the monitors and waits until they are gone; no signal comes after it returns.</summary>
    public async Task StopAsync()
    {
        List<IRunningProcess> running;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _pending?.Dispose();
            _pending = null;
            running = [.. _running];
        }

        await _stop.CancelAsync();
        foreach (var process in running)
        {
            process.Signal(UnixSignals.Kill);
        }

        await Task.WhenAll(_watches);
        _changes.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task WatchAsync(string program, ImmutableArray<string> arguments, CancellationToken stopping)
    {
        var delay = RestartDelay;
        var command = $"{program} {string.Join(' ', arguments)}";
        while (!stopping.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            string exit;
            try
            {
                using var process = processes.Start(new ProcessSpec(program, arguments, DieWithParent: true, OnOutputLine: _ => Changed()));
                if (!Track(process, started))
                {
                    process.Signal(UnixSignals.Kill);
                    await process.Exited;
                    return;
                }

                try
                {
                    exit = $"exited with {await process.Exited}";
                }
                finally
                {
                    lock (_gate)
                    {
                        _running.Remove(process);
                        _generation++;
                    }
                }
            }
            catch (InvalidOperationException e)
            {
                exit = $"could not start: {e.Message}";
            }

            if (stopping.IsCancellationRequested)
            {
                return;
            }

            // A monitor that ran a good while and then died starts over with the short pause.
            if (time.GetElapsedTime(started) >= MaxRestartDelay)
            {
                delay = RestartDelay;
            }

            logger.LogWarning(
                "`{Command}` {Exit}: starting it again in {Delay} s (until then, drift is repaired at the reconcile interval only)",
                command, exit, delay.TotalSeconds);
            try
            {
                await Task.Delay(delay, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = delay * 2 > MaxRestartDelay ? MaxRestartDelay : delay * 2;

            // What changed while nobody listened is found by the round this asks for.
            Changed();
        }
    }

    /// <summary>Keeps the process to kill at the stop; false if the stop came first.</summary>
    /// <param name="startedAt">When it was started (its listening counts from then, <see cref="ListenGrace"/>).</param>
    private bool Track(IRunningProcess process, long startedAt)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return false;
            }

            _running.Add(process);
            _generation++;
            _lastStart = Math.Max(_lastStart, startedAt);
            return true;
        }
    }

    /// <summary>A line from a monitor: a round once the burst it starts has had <see cref="Debounce"/> to gather.</summary>
    private void Changed()
    {
        lock (_gate)
        {
            _generation++;
            if (_stopped || _pending is not null)
            {
                return;
            }

            _pending = time.CreateTimer(_ => Fire(), null, Debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire()
    {
        lock (_gate)
        {
            _pending?.Dispose();
            _pending = null;
            if (_stopped)
            {
                return;
            }
        }

        _changes.Writer.TryWrite(true);
    }
}
