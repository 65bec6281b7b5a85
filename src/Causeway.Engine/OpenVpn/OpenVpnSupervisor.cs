using System.Globalization;
using System.Threading.Channels;
using Causeway.Core.Management;
using Causeway.Core.Tunnel;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.OpenVpn;

/// <summary>
/// Runs openvpn and keeps it running: starts `openvpn --config ...` (dying with this process, unless it is an access
/// server: <see cref="OpenVpnLaunch.LogFilePath"/>) or takes over one left running
/// (<see cref="OpenVpnLaunch.AdoptProcessId"/>), drives it through its management socket, follows its state into
/// <see cref="TunnelStatus"/>, and starts it again with exponential backoff whenever it exits, forever, saying in the
/// status why it waits. The kill switch is not its business:
/// forwarded traffic is kept off the uplink by the host's rules whatever OpenVPN does.
/// </summary>
/// <remarks>
/// <para>
/// This class is the restart loop and the status; the rest is in pieces of their own: the process
/// (<see cref="OpenVpnProcessControl"/>: launch, take over, stop, pid file), what it prints
/// (<see cref="OpenVpnOutput"/>), the management session (<see cref="ManagementSession"/>), the tunnel probe
/// (<see cref="GatewayProbing"/>), what OpenVPN's states mean for the tunnel (<see cref="TunnelTransitions"/>, pure)
/// and the waits between restarts (<see cref="RestartBackoff"/>, pure).
/// </para>
/// <para>
/// In <see cref="OpenVpnMode.Server"/> mode (an access server) it holds the server's only management session: OpenVPN
/// serves one management client at a time, so everything else that needs the server (`status 3`, `client-kill`)
/// goes through <see cref="SendCommandAsync"/>, and its `>CLIENT:` notices come out of <see cref="OnClientEvent"/>.
/// </para>
/// </remarks>
public sealed class OpenVpnSupervisor : ITunnelSupervisor
{
    public static readonly TimeSpan InitialBackoff = RestartBackoff.Initial;
    public static readonly TimeSpan MaxBackoff = RestartBackoff.Max;

    /// <summary>A connection that lasted this long resets the backoff: the next exit is a new problem.</summary>
    public static readonly TimeSpan StableConnection = RestartBackoff.StableConnection;

    /// <summary>From launch to the management greeting (the socket appears a moment after openvpn starts).</summary>
    public static readonly TimeSpan ManagementTimeout = ManagementSession.ConnectTimeout;

    public static readonly TimeSpan CommandTimeout = ManagementSession.CommandTimeout;

    /// <summary>How long openvpn gets to exit after SIGTERM (and again after SIGKILL).</summary>
    public static readonly TimeSpan ExitTimeout = OpenVpnProcessControl.ExitTimeout;

    /// <summary>
    /// A detached openvpn's log file is emptied when it grows past this: the daemon's session reads every line of
    /// it through the management socket (`log on`) into its own log, so the file only has to hold what happens
    /// before that session and while no daemon runs. /run is a small tmpfs.
    /// </summary>
    public const long MaxLogFileBytes = OpenVpnOutput.MaxLogFileBytes;

    private readonly OpenVpnLaunch _launch;
    private readonly IUnixSocketConnector _connector;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StaleOpenVpnReaper _reaper;
    private readonly OpenVpnOutput _output;
    private readonly OpenVpnProcessControl _process;
    private readonly GatewayProbing _probing;
    private readonly Lock _loopLock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TunnelStatusCell _status;
    private Task? _loop;

    // The management session of the running process, once initialised; null otherwise. Read by SendCommandAsync.
    private volatile ManagementSession? _session;

    // Touched only by the supervisor loop.
    private bool _stableThisProcess;
    private bool _errorThisProcess;
    private int? _adopt;
    private bool _adoptedThisProcess;

    // Set by LeaveRunningAsync before it stops the loop: the process is left running, the session closed.
    private volatile bool _leaveRunning;
    private int? _leftRunning;

    public OpenVpnSupervisor(
        OpenVpnLaunch launch,
        IProcessLauncher launcher,
        ISignals signals,
        IUnixSocketConnector connector,
        IFileSystem fileSystem,
        ITunnelProbe probe,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _launch = launch;
        _connector = connector;
        _time = timeProvider;
        _logger = logger;
        _reaper = new StaleOpenVpnReaper(launch, signals, connector, fileSystem, timeProvider, logger);
        _output = new OpenVpnOutput(launch, fileSystem, timeProvider, logger, NoteClockProblem);
        _process = new OpenVpnProcessControl(launch, launcher, signals, fileSystem, timeProvider, logger, _output);
        _probing = new GatewayProbing(probe, launch.ProbeInterval, timeProvider, logger, OnProbeResult);
        _adopt = launch.AdoptProcessId;
        _status = new TunnelStatusCell(TunnelStatus.Stopped(timeProvider.GetUtcNow()));
    }

    /// <summary>The latest status.</summary>
    public TunnelStatus Current => _status.Current;

    /// <summary>Every change, latest wins: a slow reader skips to the newest. Completes after the final Stopped.</summary>
    public ChannelReader<TunnelStatus> Updates => _status.Updates;

    /// <summary>The openvpn <see cref="LeaveRunningAsync"/> left running, if it did.</summary>
    public int? LeftRunningProcessId => _leftRunning;

    /// <summary>How this openvpn is run (its mode, paths and name).</summary>
    public OpenVpnLaunch Launch => _launch;

    /// <summary>
    /// Called from the supervisor loop for each `>CLIENT:` notice of a server (ESTABLISHED comes on every server;
    /// the others only with management-client-auth). Must return quickly and not throw.
    /// </summary>
    public Action<ClientEvent>? OnClientEvent { get; init; }

    /// <summary>
    /// Sends a command on the supervisor's own management session (the only one OpenVPN allows) and returns its
    /// reply, checked: e.g. `status 3` or `client-kill 7 HALT` on an access server.
    /// </summary>
    /// <exception cref="IOException">openvpn is not running or its session is not ready (starting, backing off), or the session ended.</exception>
    /// <exception cref="InvalidOperationException">OpenVPN answered ERROR.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="CommandTimeout"/>.</exception>
    public async Task<ManagementReply> SendCommandAsync(string command, CancellationToken cancellationToken = default)
    {
        var session = _session ?? throw new IOException(
            $"{_launch.Name} is not running ({Current.State}{(string.IsNullOrEmpty(Current.Detail) ? string.Empty : $": {Current.Detail}")})");
        return await session.CommandAsync(command, cancellationToken);
    }

    /// <summary>Starts the supervisor loop and returns; the tunnel comes up in the background (watch <see cref="Updates"/>).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_loopLock)
        {
            if (_loop is not null)
            {
                throw new InvalidOperationException("the OpenVPN supervisor was already started (it runs once: make a new one)");
            }

            _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops openvpn: `signal SIGTERM` through the management socket, then SIGKILL if it has not exited within
    /// <see cref="ExitTimeout"/>. Returns when it is gone and the status says Stopped.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task? loop;
        lock (_loopLock)
        {
            loop = _loop;
        }

        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        if (loop is not null)
        {
            await loop.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Stops supervising and leaves openvpn running: its management session is closed (OpenVPN then accepts the next
    /// one: a later `causeway up` takes it over) and its pid file stays. For the access servers when the daemon
    /// stops: their clients stay connected. Returns when the status says Stopped.
    /// </summary>
    public async Task LeaveRunningAsync(CancellationToken cancellationToken)
    {
        _leaveRunning = true;
        await StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stop.Dispose();
    }

    /// <summary>The restart loop: one process after another, a backoff wait between them, until stopped.</summary>
    private async Task RunAsync(CancellationToken stop)
    {
        try
        {
            try
            {
                if (_adopt is null)
                {
                    await _reaper.ReapAsync(stop);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning("looking for an openvpn left by a previous run: {Error}", e.Message);
            }

            var backoff = new RestartBackoff();
            while (!stop.IsCancellationRequested)
            {
                string reason;
                bool stable;
                try
                {
                    (reason, stable) = await RunProcessAsync(stop);
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    // Never give up: an unexpected failure is one more reason to wait and try again.
                    _logger.LogError(e, "supervising openvpn");
                    reason = $"supervising openvpn failed: {e.Message}";
                    stable = false;
                    SetError(reason);
                }

                if (stop.IsCancellationRequested)
                {
                    break;
                }

                // The delay exists before the status says so: a reader that sees BackingOff can rely on RestartAt.
                var wait = backoff.NextDelay(stable);
                var restartAt = _time.GetUtcNow() + wait;
                var delay = Task.Delay(wait, _time, stop);
                var detail = $"{reason}; restarting in {wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
                _logger.LogWarning("{Detail}", detail);
                Update(s => TunnelTransitions.BackingOff(s, detail, restartAt, _time.GetUtcNow()));
                try
                {
                    await delay;
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            var stopped = _leftRunning is { } pid
                ? $"left running (pid {pid}) when the daemon stopped: `causeway down` stops it"
                : "stopped";
            Update(s => TunnelTransitions.Stopped(s, stopped, _time.GetUtcNow()));
            _status.Complete();
        }
    }

    /// <summary>One openvpn process from launch to exit. Returns why it ended and whether its connection was stable.</summary>
    private async Task<(string Reason, bool Stable)> RunProcessAsync(CancellationToken stop)
    {
        _stableThisProcess = false;
        _errorThisProcess = false;
        _output.Clear();

        IRunningProcess process;
        _adoptedThisProcess = _adopt is not null;
        if (_adopt is { } adopt)
        {
            // Once: if it dies, the next one is started as usual.
            _adopt = null;
            Update(s => TunnelTransitions.Starting(s, $"taking over openvpn (pid {adopt})", launched: false, _time.GetUtcNow()));
            process = _process.TakeOver(adopt);
        }
        else
        {
            Update(s => TunnelTransitions.Starting(s, $"starting {_launch.OpenVpnPath}", launched: true, _time.GetUtcNow()));
            try
            {
                process = _process.Start();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var error = $"starting openvpn: {e.Message}";
                SetError(error);
                return (error, false);
            }
        }

        using (process)
        {
            if (_adoptedThisProcess)
            {
                _logger.LogInformation(
                    "took over {Name} (pid {Pid}), left running by a previous `causeway up` with the same config {Config}: its clients stay connected",
                    _launch.Name, process.Id, _launch.ConfigPath);
                Update(s => s with { ProcessId = process.Id });
            }
            else
            {
                _logger.LogInformation("started openvpn (pid {Pid}) with {Config}", process.Id, _launch.ConfigPath);
                Update(s => s with { ProcessId = process.Id });
                _process.WritePidFile(process.Id);
            }

            ManagementSession? session = null;
            string? sessionError = null;
            using var sessionEnded = CancellationTokenSource.CreateLinkedTokenSource(stop);
            try
            {
                session = await ManagementSession.ConnectAsync(_connector, _launch, process, _time, _logger, _output, OnClientEvent, stop);
                if (session is not null)
                {
                    _ = session.CloseWhenProcessExitsAsync(process, sessionEnded.Token);
                    await FollowAsync(session, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopping: handled below.
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException)
            {
                sessionError = e.Message;
                _logger.LogWarning("talking to openvpn (pid {Pid}): {Error}", process.Id, e.Message);
            }
            finally
            {
                _session = null;
                await EndConnectionAsync(reason: null, Current);
                var leave = _leaveRunning && stop.IsCancellationRequested && !process.Exited.IsCompleted;
                var code = leave
                    ? null
                    : await _process.EndAsync(
                        process, session, stop.IsCancellationRequested, () => Update(s => TunnelTransitions.Stopping(s, _time.GetUtcNow())));
                await sessionEnded.CancelAsync();
                if (session is not null)
                {
                    // Closing it is what lets the next daemon in: OpenVPN serves one management client at a time.
                    await session.DisposeAsync();
                }

                if (leave)
                {
                    _leftRunning = process.Id;
                    _logger.LogInformation(
                        "{Name} keeps running (pid {Pid}) and serving its clients; `causeway down` stops it", _launch.Name, process.Id);
                }
                else
                {
                    _process.DeletePidFile();
                }

                if (!stop.IsCancellationRequested)
                {
                    var exited = code switch
                    {
                        AdoptedOpenVpn.UnknownExitCode => $"openvpn (pid {process.Id}, taken over from a previous run) exited",
                        { } c => $"openvpn exited with code {c}",
                        null => "openvpn could not be stopped",
                    };
                    if (!_errorThisProcess)
                    {
                        SetError(sessionError is not null ? $"{exited} ({sessionError})" : exited + _output.LastError());
                    }

                    sessionError = exited;
                }
            }

            return (sessionError ?? "stopped", _stableThisProcess);
        }
    }

    /// <summary>Initialises the session, then follows its events until EOF (openvpn exited) or stop.</summary>
    private async Task FollowAsync(ManagementSession session, CancellationToken stop)
    {
        var last = await session.InitializeAsync(_adoptedThisProcess, stop);

        // Open to SendCommandAsync before the state below says CONNECTED: whoever sees that may use the session.
        _session = session;
        await ApplyAsync(Step(s => TunnelTransitions.FromHistory(s, last, _time.GetUtcNow())), last);

        await foreach (var managementEvent in session.Events.ReadAllAsync(stop))
        {
            session.Note(managementEvent);
            var step = Step(s => TunnelTransitions.OnEvent(s, managementEvent, _time.GetUtcNow()));
            await ApplyAsync(step, (managementEvent as StateEvent)?.Entry);
            switch (step.Reaction)
            {
                case TunnelReaction.ReleaseHold:
                    await session.CommandAsync(ManagementCommands.HoldRelease, stop);
                    break;
                case TunnelReaction.Terminate:
                    await session.CommandAsync(ManagementCommands.SignalTerminate, stop);
                    break;
            }
        }
    }

    /// <summary>
    /// Does what a step says beyond the status it already set: logs its error (which makes it this process's
    /// reason), starts probing on a new connection, stops it when the connection ends.
    /// </summary>
    /// <param name="entry">The OpenVPN state that made the step, if one did.</param>
    private async Task ApplyAsync(TunnelStep step, OpenVpnStateEntry? entry)
    {
        if (step.Error is { } error)
        {
            _errorThisProcess = true;
            _logger.LogError("{Error}", error);
        }

        if (step.Connected && _launch.Mode == OpenVpnMode.Server)
        {
            _logger.LogInformation("{Name} is up: listening, its tun device at {Local}", _launch.Name, entry?.LocalAddress);
        }
        else if (step.Connected)
        {
            _logger.LogInformation(
                "tunnel connected: {Local} via {Remote} (connection {Generation})",
                entry?.LocalAddress,
                entry?.Remote,
                step.Status.ConnectionGeneration);
            _probing.Start(step.Status.VpnGateway);
        }

        if (step.LeavesConnection)
        {
            _stableThisProcess |= step.Stable;
            await StopProbingAsync(step.LeaveReason);
        }
    }

    /// <summary>The process's session is over: a connection still standing ends here (stable or not), and so does probing.</summary>
    private async Task EndConnectionAsync(string? reason, TunnelStatus before)
    {
        _stableThisProcess |= TunnelTransitions.EndsStable(before, _time.GetUtcNow());
        await StopProbingAsync(reason);
    }

    private async Task StopProbingAsync(string? reason)
    {
        if (await _probing.StopAsync(reason) is { } error)
        {
            Update(s => s with { PeerAnswersProbes = false });
            SetError(error);
        }
    }

    private void OnProbeResult(bool answered)
    {
        if (answered && Current.PeerAnswersProbes != true)
        {
            _logger.LogInformation("the VPN gateway answers the tunnel probe");
            Update(s => s with { PeerAnswersProbes = true });
        }
    }

    /// <summary>From the output reader: a clock problem is the last error, but not this process's reason to end.</summary>
    private void NoteClockProblem(string problem)
    {
        var now = _time.GetUtcNow();
        Update(s => TunnelTransitions.WithError(s, problem, now));
    }

    private void SetError(string message)
    {
        _errorThisProcess = true;
        _logger.LogError("{Error}", message);
        var now = _time.GetUtcNow();
        Update(s => TunnelTransitions.WithError(s, message, now));
    }

    /// <summary>Computes a step from the current status and makes its status current, in one go under the lock.</summary>
    private TunnelStep Step(Func<TunnelStatus, TunnelStep> transition)
    {
        TunnelStep? step = null;
        Update(s => (step = transition(s)).Status);
        return step!;
    }

    private void Update(Func<TunnelStatus, TunnelStatus> change) => _status.Update(change);
}
