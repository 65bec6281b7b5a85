using System.Globalization;
using System.Threading.Channels;
using Causeway.Core.Management;
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
/// In <see cref="OpenVpnMode.Server"/> mode (an access server) it holds the server's only management session: OpenVPN
/// serves one management client at a time, so everything else that needs the server (`status 3`, `client-kill`)
/// goes through <see cref="SendCommandAsync"/>, and its `>CLIENT:` notices come out of <see cref="OnClientEvent"/>.
/// </remarks>
public sealed class OpenVpnSupervisor : ITunnelSupervisor
{
    public static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>A connection that lasted this long resets the backoff: the next exit is a new problem.</summary>
    public static readonly TimeSpan StableConnection = TimeSpan.FromSeconds(30);

    /// <summary>From launch to the management greeting (the socket appears a moment after openvpn starts).</summary>
    public static readonly TimeSpan ManagementTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long openvpn gets to exit after SIGTERM (and again after SIGKILL).</summary>
    public static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    /// <summary>After openvpn exits, how long its management socket may stay open before it is closed from here.</summary>
    private static readonly TimeSpan EofGrace = TimeSpan.FromSeconds(2);

    /// <summary>ping-restarts in a row with no probe answered before the status says the provider ignores pings.</summary>
    private const int UnansweredRestartsBeforeError = 2;

    private const int OutputLinesKept = 20;

    /// <summary>
    /// A detached openvpn's log file is emptied when it grows past this: the daemon's session reads every line of
    /// it through the management socket (`log on`) into its own log, so the file only has to hold what happens
    /// before that session and while no daemon runs. /run is a small tmpfs.
    /// </summary>
    public const long MaxLogFileBytes = 1024 * 1024;

    private readonly OpenVpnLaunch _launch;
    private readonly IProcessLauncher _launcher;
    private readonly IUnixSocketConnector _connector;
    private readonly IFileSystem _fileSystem;
    private readonly ITunnelProbe _probe;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StaleOpenVpnReaper _reaper;
    private readonly Lock _statusLock = new();
    private readonly Channel<TunnelStatus> _updates = Channel.CreateBounded<TunnelStatus>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly CancellationTokenSource _stop = new();
    private readonly Queue<string> _output = new();
    private TunnelStatus _status;
    private Task? _loop;

    // The management session of the running process, once initialised; null otherwise. Read by SendCommandAsync.
    private volatile ManagementClient? _session;

    // Touched only by the supervisor loop.
    private TunnelProber? _prober;
    private DateTimeOffset _connectedAt;
    private bool _stableThisProcess;
    private bool _errorThisProcess;
    private int _unansweredPingRestarts;
    private bool _warnedNoGateway;
    private int? _adopt;
    private bool _adoptedThisProcess;
    private long _relayedSinceLogCheck;

    // Set by LeaveRunningAsync before it stops the loop: the process is left running, the session closed.
    private volatile bool _leaveRunning;
    private int? _leftRunning;

    // Written from openvpn's output reader, not the supervisor loop.
    private string? _lastClockProblemLine;

    public OpenVpnSupervisor(
        OpenVpnLaunch launch,
        IProcessLauncher launcher,
        IUnixSocketConnector connector,
        IFileSystem fileSystem,
        ITunnelProbe probe,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _launch = launch;
        _launcher = launcher;
        _connector = connector;
        _fileSystem = fileSystem;
        _probe = probe;
        _time = timeProvider;
        _logger = logger;
        _reaper = new StaleOpenVpnReaper(launch, launcher, connector, fileSystem, timeProvider, logger);
        _adopt = launch.AdoptProcessId;
        _status = TunnelStatus.Stopped(timeProvider.GetUtcNow());
    }

    /// <summary>The latest status.</summary>
    public TunnelStatus Current
    {
        get
        {
            lock (_statusLock)
            {
                return _status;
            }
        }
    }

    /// <summary>Every change, latest wins: a slow reader skips to the newest. Completes after the final Stopped.</summary>
    public ChannelReader<TunnelStatus> Updates => _updates.Reader;

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
        return await CommandAsync(session, command, cancellationToken);
    }

    /// <summary>Starts the supervisor loop and returns; the tunnel comes up in the background (watch <see cref="Updates"/>).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_statusLock)
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
        lock (_statusLock)
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

            var backoff = InitialBackoff;
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

                if (stable)
                {
                    backoff = InitialBackoff;
                }

                // The delay exists before the status says so: a reader that sees BackingOff can rely on RestartAt.
                var restartAt = _time.GetUtcNow() + backoff;
                var delay = Task.Delay(backoff, _time, stop);
                var detail = $"{reason}; restarting in {backoff.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
                _logger.LogWarning("{Detail}", detail);
                Update(s => Enter(s, TunnelState.BackingOff, detail) with { RestartAt = restartAt, ProcessId = null });
                try
                {
                    await delay;
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
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
            Update(s => Enter(s, TunnelState.Stopped, stopped) with { ProcessId = null, RestartAt = null });
            _updates.Writer.TryComplete();
        }
    }

    /// <summary>One openvpn process from launch to exit. Returns why it ended and whether its connection was stable.</summary>
    private async Task<(string Reason, bool Stable)> RunProcessAsync(CancellationToken stop)
    {
        _stableThisProcess = false;
        _errorThisProcess = false;
        lock (_output)
        {
            _output.Clear();
        }

        IRunningProcess process;
        _adoptedThisProcess = _adopt is not null;
        if (_adopt is { } adopt)
        {
            // Once: if it dies, the next one is started as usual.
            _adopt = null;
            Update(s => Enter(
                s with { RestartAt = null, BytesIn = 0, BytesOut = 0, OpenVpnState = null },
                TunnelState.Starting,
                $"taking over openvpn (pid {adopt})"));
            process = new AdoptedOpenVpn(adopt, _launch.ConfigPath, _launcher, _fileSystem, _time);
        }
        else
        {
            Update(s => Enter(
                s with { ProcessStarts = s.ProcessStarts + 1, RestartAt = null, BytesIn = 0, BytesOut = 0, OpenVpnState = null },
                TunnelState.Starting,
                $"starting {_launch.OpenVpnPath}"));
            try
            {
                process = _launcher.Start(StartSpec());
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
                WritePidFile(process.Id);
            }

            ManagementClient? client = null;
            string? sessionError = null;
            using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);
            try
            {
                client = await ConnectAsync(process, stop);
                if (client is not null)
                {
                    _ = CloseWhenProcessExitsAsync(process, client, session.Token);
                    await InitializeAsync(client, stop);
                    await foreach (var managementEvent in client.Events.ReadAllAsync(stop))
                    {
                        await HandleAsync(client, managementEvent, stop);
                    }
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
                await LeaveConnectedAsync(reason: null, Current.State);
                var leave = _leaveRunning && stop.IsCancellationRequested && !process.Exited.IsCompleted;
                var code = leave ? null : await EndProcessAsync(process, client, stop.IsCancellationRequested);
                await session.CancelAsync();
                if (client is not null)
                {
                    // Closing it is what lets the next daemon in: OpenVPN serves one management client at a time.
                    await client.DisposeAsync();
                }

                if (leave)
                {
                    _leftRunning = process.Id;
                    _logger.LogInformation(
                        "{Name} keeps running (pid {Pid}) and serving its clients; `causeway down` stops it", _launch.Name, process.Id);
                }
                else
                {
                    DeletePidFile();
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
                        SetError(sessionError is not null ? $"{exited} ({sessionError})" : exited + LastOutputError());
                    }

                    sessionError = exited;
                }
            }

            return (sessionError ?? "stopped", _stableThisProcess);
        }
    }

    /// <summary>Connects to the management socket; null if openvpn exits first.</summary>
    private async Task<ManagementClient?> ConnectAsync(IRunningProcess process, CancellationToken stop)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var connect = ManagementClient.ConnectAsync(_connector, _launch.ManagementSocketPath, _time, ManagementTimeout, abandon.Token);
        if (await Task.WhenAny(connect, process.Exited) == connect)
        {
            return await connect;
        }

        await abandon.CancelAsync();
        try
        {
            await (await connect).DisposeAsync();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // It exited before we could talk to it; its exit code and output say why.
        }

        return null;
    }

    /// <summary>
    /// The state history and live states, byte counts every second, and no hold after restarts. The initial hold
    /// (`management-hold`) is released in answer to its >HOLD line, like every later one, so that `hold release`
    /// is never sent twice for one hold.
    /// </summary>
    /// <remarks>A server is not held and its clients are read with `status 3`: it gets `state on all` only.</remarks>
    private async Task InitializeAsync(ManagementClient client, CancellationToken stop)
    {
        var history = await CommandAsync(client, ManagementCommands.StateOnAll, stop);
        var last = history.Lines.Select(OpenVpnStateEntry.TryParse).LastOrDefault(e => e is not null);
        if (_launch.Mode == OpenVpnMode.Client)
        {
            await CommandAsync(client, ManagementCommands.ByteCount(1), stop);
            await CommandAsync(client, ManagementCommands.HoldOff, stop);
        }

        if (_launch.LogFilePath is not null)
        {
            // A detached openvpn's output goes to its file, not to us: its log comes through here instead. From a
            // process taken over, only what comes from now on (the previous daemon logged the rest).
            var log = await CommandAsync(client, _adoptedThisProcess ? "log on" : "log on all", stop);
            foreach (var entry in log.Lines.Select(LogEntry.TryParse))
            {
                if (entry is not null)
                {
                    OnOutputLine(entry.Text);
                }
            }
        }

        // Open to SendCommandAsync before the state below says CONNECTED: whoever sees that may use the session.
        _session = client;

        if (last is { IsConnectedSuccessfully: true })
        {
            await ApplyStateAsync(last);
        }
        else
        {
            Update(s => Enter(s, TunnelState.Connecting, last?.Name ?? "CONNECTING") with { OpenVpnState = last?.Name });
        }
    }

    private async Task HandleAsync(ManagementClient client, ManagementEvent managementEvent, CancellationToken stop)
    {
        switch (managementEvent)
        {
            case HoldEvent hold:
                _logger.LogDebug("openvpn holds ({Text}): releasing it", hold.Text);
                await CommandAsync(client, ManagementCommands.HoldRelease, stop);
                break;
            case StateEvent state:
                await ApplyStateAsync(state.Entry);
                break;
            case ByteCountEvent bytes:
                Update(s => s with { BytesIn = bytes.BytesIn, BytesOut = bytes.BytesOut });
                break;
            case UpDownEvent upDown:
                ApplyUpDown(upDown);
                break;
            case FatalEvent fatal:
                SetError($"openvpn: {fatal.Text}");
                break;
            case PasswordEvent { Kind: PasswordEventKind.VerificationFailed } failed:
                SetError($"authentication failed: the provider rejected the credentials ('{failed.Realm}'); check the auth file");
                break;
            case PasswordEvent { Kind: PasswordEventKind.Need } need:
                // Nobody here will type a password: openvpn would wait forever. Stop it and say why.
                SetError(
                    $"openvpn asks for the '{need.Realm}' credentials through its management socket: the config must give "
                    + "auth-user-pass a file (and no management-query-passwords)");
                await CommandAsync(client, ManagementCommands.SignalTerminate, stop);
                break;
            case LogEvent log when _launch.LogFilePath is not null:
                OnOutputLine(log.Entry.Text);
                KeepLogFileSmall(log.Entry.Text.Length);
                break;
            case LogEvent log:
                _logger.LogDebug("openvpn log: {Text}", log.Entry.Text);
                break;
            case ClientEvent clientEvent:
                HandleClientEvent(clientEvent);
                break;
            case UnexpectedLineEvent unexpected:
                _logger.LogWarning("unexpected line from openvpn's management socket: {Line}", unexpected.Line);
                break;
            case InfoEvent or EchoEvent or InfoMessageEvent or OtherEvent or PasswordEvent:
                _logger.LogInformation("openvpn: {Event}", managementEvent);
                break;
            default:
                _logger.LogDebug("openvpn: {Event}", managementEvent);
                break;
        }
    }

    private async Task ApplyStateAsync(OpenVpnStateEntry entry)
    {
        var current = Current.State;
        switch (entry.State)
        {
            case OpenVpnState.Connected when entry.IsConnectedSuccessfully:
                if (current != TunnelState.Connected)
                {
                    _connectedAt = _time.GetUtcNow();
                }

                Update(s => Enter(s, TunnelState.Connected, entry.Detail) with
                {
                    OpenVpnState = entry.Name,
                    LocalAddress = entry.LocalAddress ?? s.LocalAddress,
                    Remote = entry.Remote ?? s.Remote,
                    ConnectionGeneration = current == TunnelState.Connected ? s.ConnectionGeneration : s.ConnectionGeneration + 1,
                });
                if (current != TunnelState.Connected && _launch.Mode == OpenVpnMode.Server)
                {
                    _logger.LogInformation("{Name} is up: listening, its tun device at {Local}", _launch.Name, entry.LocalAddress);
                }
                else if (current != TunnelState.Connected)
                {
                    _logger.LogInformation(
                        "tunnel connected: {Local} via {Remote} (connection {Generation})",
                        entry.LocalAddress,
                        entry.Remote,
                        Current.ConnectionGeneration);
                    StartProber();
                }

                break;
            case OpenVpnState.Connected:
                await LeaveConnectedAsync(reason: null, current);
                SetError($"openvpn connected with errors (CONNECTED,{entry.Detail}): an initialization step failed; see its log");
                Update(s => Enter(s, TunnelState.Connecting, $"CONNECTED,{entry.Detail}") with { OpenVpnState = entry.Name });
                break;
            case OpenVpnState.Reconnecting:
                _logger.LogWarning("tunnel reconnecting: {Reason}", entry.Detail);
                Update(s => Enter(s, TunnelState.Reconnecting, entry.Detail) with
                {
                    OpenVpnState = entry.Name,
                    Reconnects = s.Reconnects + 1,
                });
                await LeaveConnectedAsync(entry.Detail, current);
                break;
            case OpenVpnState.Exiting:
                _logger.LogInformation("openvpn exiting: {Reason}", entry.Detail);
                Update(s => Enter(s, TunnelState.Exiting, entry.Detail) with { OpenVpnState = entry.Name });
                await LeaveConnectedAsync(entry.Detail, current);
                break;
            default:
                // WAIT, AUTH, ASSIGN_IP...: on the way up, or back up after a RECONNECTING (whose reason stays the detail).
                await LeaveConnectedAsync(reason: null, current);
                var next = current == TunnelState.Connected ? TunnelState.Reconnecting : TunnelState.Connecting;
                Update(s => (s.State is TunnelState.Reconnecting ? s : Enter(s, next, entry.Name)) with { OpenVpnState = entry.Name });
                break;
        }
    }

    /// <summary>
    /// The pushed options arrive with >UPDOWN:UP, before CONNECTED. With persist-tun a reconnect brings no new UP, so
    /// what the last one said stays; a DOWN changes nothing either.
    /// </summary>
    private void ApplyUpDown(UpDownEvent upDown)
    {
        if (!upDown.IsUp)
        {
            _logger.LogDebug("openvpn: tun device going down");
            return;
        }

        var pushed = upDown.PushedOptions;
        _logger.LogInformation(
            "openvpn pushed: device {Device}, address {Local}, gateway {Gateway}, DNS [{Dns}]",
            pushed.Device,
            pushed.LocalAddress,
            pushed.VpnGateway,
            string.Join(", ", pushed.DnsServers));
        Update(s => s with
        {
            Device = pushed.Device ?? s.Device,
            LocalAddress = pushed.LocalAddress ?? s.LocalAddress,
            VpnGateway = pushed.VpnGateway ?? s.VpnGateway,
            PushedDns = pushed.DnsServers,
        });
    }

    private void HandleClientEvent(ClientEvent clientEvent)
    {
        if (clientEvent.Kind == ClientEventKind.Established)
        {
            _logger.LogInformation(
                "{Name}: client {CommonName} connected from {Address} (client id {ClientId}, address {Pool})",
                _launch.Name,
                clientEvent.CommonName ?? "?",
                clientEvent.Environment.GetValueOrDefault("trusted_ip") ?? "?",
                clientEvent.ClientId,
                clientEvent.Environment.GetValueOrDefault("ifconfig_pool_remote_ip") ?? "?");
        }
        else
        {
            _logger.LogDebug("{Name}: {Event}", _launch.Name, clientEvent.KindName);
        }

        try
        {
            OnClientEvent?.Invoke(clientEvent);
        }
        catch (Exception e)
        {
            _logger.LogWarning("handling a client notice of {Name}: {Error}", _launch.Name, e.Message);
        }
    }

    private void StartProber()
    {
        if (Current.VpnGateway is not { } gateway)
        {
            if (!_warnedNoGateway)
            {
                _warnedNoGateway = true;
                _logger.LogWarning(
                    "the server pushed no route-gateway, so there is nothing to probe: an idle tunnel depends on the provider's own pings");
            }

            return;
        }

        _prober = TunnelProber.Start(_probe, gateway, _launch.ProbeInterval, _time, _logger, OnProbeResult);
    }

    private void OnProbeResult(bool answered)
    {
        if (answered && Current.PeerAnswersProbes != true)
        {
            _logger.LogInformation("the VPN gateway answers the tunnel probe");
            Update(s => s with { PeerAnswersProbes = true });
        }
    }

    /// <summary>
    /// The tunnel is no longer connected: stop probing and note whether the connection was stable. A ping-restart
    /// after probes that were never answered means the provider ignores echoes to its tunnel address; twice in a row,
    /// and the status says so.
    /// </summary>
    /// <param name="before">The state before the change that ends the connection.</param>
    private async Task LeaveConnectedAsync(string? reason, TunnelState before)
    {
        if (before == TunnelState.Connected && _time.GetUtcNow() - _connectedAt >= StableConnection)
        {
            _stableThisProcess = true;
        }

        if (_prober is not { } prober)
        {
            return;
        }

        _prober = null;
        await prober.DisposeAsync();
        if (prober.Answered > 0)
        {
            _unansweredPingRestarts = 0;
            return;
        }

        if (reason != "ping-restart" || prober.Sent == 0)
        {
            return;
        }

        _unansweredPingRestarts++;
        _logger.LogWarning(
            "ping-restart after {Sent} unanswered probes of the VPN gateway {Gateway}", prober.Sent, prober.Target);
        if (_unansweredPingRestarts >= UnansweredRestartsBeforeError)
        {
            Update(s => s with { PeerAnswersProbes = false });
            SetError(
                $"the provider does not answer pings on its tunnel address {prober.Target}: dead-peer detection falls back "
                + $"to OpenVPN's ping-restart alone, which restarted an idle tunnel {_unansweredPingRestarts} times in a row; "
                + "set ping_restart_seconds above the provider's keepalive interval (e.g. 25 for `keepalive 10 60`)");
        }
    }

    /// <summary>
    /// Makes sure the process is gone. When stopping: `signal SIGTERM` through management (a plain SIGTERM without
    /// it). When the session broke while openvpn still runs: SIGTERM. At EOF it is on its way out already. Whatever
    /// is still alive after <see cref="ExitTimeout"/> gets SIGKILL. Returns the exit code, or null if it will not die.
    /// </summary>
    private async Task<int?> EndProcessAsync(IRunningProcess process, ManagementClient? client, bool stopping)
    {
        if (!process.Exited.IsCompleted)
        {
            var sessionOpen = client is not null && !client.Completion.IsCompleted;
            if (stopping)
            {
                Update(s => Enter(s, TunnelState.Exiting, "stopping openvpn"));
                var asked = false;
                if (sessionOpen)
                {
                    try
                    {
                        await client!.SendAsync(ManagementCommands.SignalTerminate).WaitAsync(CommandTimeout, _time);
                        asked = true;
                    }
                    catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException)
                    {
                        _logger.LogDebug("asking openvpn to exit through its management socket: {Error}", e.Message);
                    }
                }

                if (!asked)
                {
                    process.Signal(UnixSignals.Terminate);
                }
            }
            else if (sessionOpen || client is null)
            {
                process.Signal(UnixSignals.Terminate);
            }

            if (!await WaitExitAsync(process))
            {
                _logger.LogWarning(
                    "openvpn (pid {Pid}) did not exit within {Seconds} s: killing it", process.Id, ExitTimeout.TotalSeconds);
                process.Signal(UnixSignals.Kill);
                if (!await WaitExitAsync(process))
                {
                    _logger.LogError("openvpn (pid {Pid}) survived SIGKILL for {Seconds} s", process.Id, ExitTimeout.TotalSeconds);
                    return null;
                }
            }
        }

        var code = await process.Exited;
        _logger.LogInformation("openvpn (pid {Pid}) exited with code {Code}", process.Id, code);
        return code;
    }

    private async Task<bool> WaitExitAsync(IRunningProcess process)
    {
        // Not our child: no SIGCHLD says it is gone, so /proc is read at once (its socket has just closed, or it was just signalled).
        (process as AdoptedOpenVpn)?.CheckNow();
        try
        {
            await process.Exited.WaitAsync(ExitTimeout, _time);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>A dead process closes its socket; should the session stay open anyway, it is closed from here.</summary>
    private async Task CloseWhenProcessExitsAsync(IRunningProcess process, ManagementClient client, CancellationToken cancellationToken)
    {
        try
        {
            await process.Exited.WaitAsync(cancellationToken);
            await Task.Delay(EofGrace, _time, cancellationToken);
            await client.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // The session ended first.
        }
    }

    private async Task<ManagementReply> CommandAsync(ManagementClient client, string command, CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(CommandTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            return (await client.SendAsync(command, linked.Token)).EnsureSuccess(command);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            throw new TimeoutException($"openvpn did not answer `{command}` within {CommandTimeout.TotalSeconds:0} s");
        }
    }

    private void OnOutputLine(string line)
    {
        if (line.StartsWith("MANAGEMENT: CMD 'status", StringComparison.Ordinal))
        {
            // A server's sessions are read every few seconds: OpenVPN echoing each read would drown its log.
            _logger.LogDebug("openvpn: {Line}", line);
            return;
        }

        _logger.LogInformation("openvpn: {Line}", line);
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLinesKept)
            {
                _output.Dequeue();
            }
        }

        NoteClockProblem(line);
    }

    /// <summary>
    /// A certificate "not yet valid" reaches the management socket only as RECONNECTING,tls-error: the reason is in
    /// the output. It becomes the last error (OpenVPN retries on its own, so nothing else would set one), logged
    /// once per distinct line rather than on every retry.
    /// </summary>
    private void NoteClockProblem(string line)
    {
        if (CertificateClockProblem.Describe(line, _time.GetUtcNow()) is not { } problem)
        {
            return;
        }

        if (Interlocked.Exchange(ref _lastClockProblemLine, line) != line)
        {
            _logger.LogError("{Error}", problem);
        }

        var now = _time.GetUtcNow();
        Update(s => s with { LastError = problem, LastErrorAt = now });
    }

    /// <summary>
    /// ": the last error line openvpn printed", or nothing. A detached openvpn prints a config error into its log file
    /// before its management socket is up: that file's end is read too.
    /// </summary>
    private string LastOutputError()
    {
        string? line;
        lock (_output)
        {
            line = _output.LastOrDefault(IsErrorLine);
        }

        line ??= LogFileTail().LastOrDefault(IsErrorLine);
        return line is null ? string.Empty : $": {line}";
    }

    private static bool IsErrorLine(string line) =>
        line.Contains("error", StringComparison.OrdinalIgnoreCase)
        && !line.Contains("Exiting due to fatal error", StringComparison.Ordinal);

    /// <summary>The last lines of a detached openvpn's log file (none without one).</summary>
    private IEnumerable<string> LogFileTail()
    {
        if (_launch.LogFilePath is not { } log)
        {
            return [];
        }

        try
        {
            var facts = _fileSystem.Stat(log);
            return facts.Exists && facts.Length <= 2 * MaxLogFileBytes
                ? _fileSystem.ReadAllText(log).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(OutputLinesKept)
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// How openvpn is started: an access server detached, with its output to its log file (emptied first, so that
    /// it says what this process did); the provider tunnel dying with the daemon, its output into the daemon's log.
    /// </summary>
    private ProcessSpec StartSpec()
    {
        if (_launch.LogFilePath is not { } log)
        {
            // In a session of its own, so that a hang-up of the daemon's terminal never reaches it.
            return new ProcessSpec(_launch.OpenVpnPath, ["--config", _launch.ConfigPath], DieWithParent: true, OnOutputLine: OnOutputLine, OwnSession: true);
        }

        try
        {
            _fileSystem.WriteAllTextAtomic(log, string.Empty, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("emptying the log file {Log}: {Error}", log, e.Message);
        }

        _relayedSinceLogCheck = 0;
        return new ProcessSpec(_launch.OpenVpnPath, ["--config", _launch.ConfigPath], DieWithParent: false, DetachedLogFile: log);
    }

    /// <summary>
    /// Every line relayed was also appended to the log file: about every 64 KiB of them, the file is emptied if it is
    /// past <see cref="MaxLogFileBytes"/> (openvpn appends, so it goes on writing at the new end).
    /// </summary>
    private void KeepLogFileSmall(int relayed)
    {
        _relayedSinceLogCheck += relayed + 1;
        if (_relayedSinceLogCheck < 64 * 1024 || _launch.LogFilePath is not { } log)
        {
            return;
        }

        _relayedSinceLogCheck = 0;
        try
        {
            if (_fileSystem.Stat(log).Length > MaxLogFileBytes)
            {
                _fileSystem.WriteInPlace(log, string.Empty);
                _logger.LogInformation("emptied {Log}: over {Max} bytes (every line of it is in this log too)", log, MaxLogFileBytes);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("keeping the log file {Log} small: {Error}", log, e.Message);
        }
    }

    private void WritePidFile(int pid)
    {
        try
        {
            _fileSystem.WriteAllTextAtomic(
                _launch.PidFilePath,
                pid.ToString(CultureInfo.InvariantCulture) + "\n",
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("writing the pid file {PidFile}: {Error}", _launch.PidFilePath, e.Message);
        }
    }

    private void DeletePidFile()
    {
        try
        {
            _fileSystem.DeleteFile(_launch.PidFilePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogDebug("deleting the pid file {PidFile}: {Error}", _launch.PidFilePath, e.Message);
        }
    }

    private void SetError(string message)
    {
        _errorThisProcess = true;
        _logger.LogError("{Error}", message);
        var now = _time.GetUtcNow();
        Update(s => s with { LastError = message, LastErrorAt = now });
    }

    private TunnelStatus Enter(TunnelStatus status, TunnelState state, string detail) =>
        status.State == state
            ? status with { Detail = detail }
            : status with { State = state, StateSince = _time.GetUtcNow(), Detail = detail };

    private void Update(Func<TunnelStatus, TunnelStatus> change)
    {
        lock (_statusLock)
        {
            var next = change(_status);
            if (next == _status)
            {
                return;
            }

            _status = next;
            _updates.Writer.TryWrite(next);
        }
    }
}
