using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Causeway.Core.Access;
using Causeway.Core.Management;
using Causeway.Core.Model;
using Causeway.Core.Traffic;
using Causeway.Core.Tunnel;
using Causeway.Engine.Access;
using Causeway.Engine.OpenVpn;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.Daemon;

/// <summary>
/// The access servers (Duo) while `causeway up` runs: writes their configs, runs each under an
/// <see cref="OpenVpnSupervisor"/> in server mode (restarted with backoff; detached, so that it outlives the daemon,
/// and taken over by the next `up` when its config is the same: <see cref="AccessServerTakeover"/>), and holds their
/// only management sessions. Through them it reads the live sessions (`status 3`, every
/// <see cref="SessionPollInterval"/> and at once after a `>CLIENT:ESTABLISHED`), records when clients were last seen,
/// publishes the access part of the status, and ends a revoked client's sessions (`client-kill CID HALT`) when the
/// control API asks. It checks the PKI about daily (the CRL must never expire), and restarts the servers when what
/// they push changes (the overlay's subnets) or their certificate was renewed.
/// </summary>
public sealed class AccessServers : IAsyncDisposable
{
    public static readonly TimeSpan SessionPollInterval = TimeSpan.FromSeconds(5);

    /// <summary>How often the PKI is checked (and the CRL renewed when due) while the servers run.</summary>
    public static readonly TimeSpan PkiCheckInterval = TimeSpan.FromDays(1);

    private AccessSettings _access;
    private readonly InstanceSettings _instance;
    private readonly string _serverHost;
    private readonly AccessClients _clients;
    private readonly IFileSystem _files;
    private readonly Func<AccessServerLaunch, Action<ClientEvent>, ITunnelSupervisor> _newSupervisor;
    private readonly StatusBoard _status;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _restart = new(1, 1);
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Channel<bool> _pollNow = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly CancellationTokenSource _stop = new();

    // Guarded by _gate.
    private ImmutableArray<RunningServer> _servers = [];
    private ImmutableArray<AccessSession> _sessions = [];
    private ImmutableArray<string> _sessionProblems = [];
    private ImmutableArray<string> _conflicts = [];
    private string? _pkiProblem;
    private DateTimeOffset? _sessionsReadAt;
    private ImmutableArray<AccessSession> _sessionsBefore = [];
    private DateTimeOffset? _sessionsBeforeReadAt;
    private DateTimeOffset? _crlNextUpdate;
    private DateTimeOffset? _serverNotAfter;
    private ImmutableArray<IPNetwork> _pushedSubnets = [];

    private DateTimeOffset _pkiCheckedAt;
    private Task? _loop;
    private int _disposed;

    /// <param name="serverHost">What client profiles connect to (for the status).</param>
    /// <param name="newSupervisor">
    /// Makes the supervisor of one server: server mode, and the given action as its
    /// <see cref="OpenVpnSupervisor.OnClientEvent"/>. A new one for each (re)start: a supervisor runs once.
    /// </param>
    public AccessServers(
        AccessSettings access,
        InstanceSettings instance,
        string serverHost,
        AccessClients clients,
        IFileSystem files,
        Func<AccessServerLaunch, Action<ClientEvent>, ITunnelSupervisor> newSupervisor,
        StatusBoard status,
        TimeProvider time,
        ILogger logger)
    {
        _access = access;
        _instance = instance;
        _serverHost = serverHost;
        _clients = clients;
        _files = files;
        _newSupervisor = newSupervisor;
        _status = status;
        _time = time;
        _logger = logger;
        Publish();
    }

    public AccessSettings Settings => _access;

    /// <summary>
    /// Signals (latest wins) whenever a server's state changes: its tun device comes or goes, and with it the route
    /// of its half of the pool, so the daemon reconciles at once rather than at the next interval.
    /// </summary>
    public ChannelReader<bool> Changes => _changes.Reader;

    /// <summary>The supervisors running now, UDP first.</summary>
    public ImmutableArray<ITunnelSupervisor> Supervisors
    {
        get
        {
            lock (_gate)
            {
                return [.. _servers.Select(s => s.Supervisor)];
            }
        }
    }

    /// <summary>
    /// Writes the configs (pushing <paramref name="overlaySubnets"/> with allow_overlay) and starts every server;
    /// returns at once (they come up in the background). Call <see cref="AccessPki.EnsureReady"/> before: the
    /// configs name its files. <paramref name="pki"/> is what that call found.
    /// </summary>
    public Task StartAsync(ImmutableArray<IPNetwork> overlaySubnets, AccessPkiStatus pki, CancellationToken cancellationToken) =>
        StartAsync(overlaySubnets, pki, ImmutableDictionary<AccessTransport, int>.Empty, cancellationToken);

    /// <param name="adopt">
    /// Servers a previous `up` left running with the very configs written now (<see cref="AccessServerTakeover.PrepareAsync"/>):
    /// their pids, by transport. They are taken over rather than started, and their clients stay connected.
    /// </param>
    public async Task StartAsync(
        ImmutableArray<IPNetwork> overlaySubnets, AccessPkiStatus pki, IReadOnlyDictionary<AccessTransport, int> adopt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_loop is not null)
            {
                throw new InvalidOperationException("the access servers were already started");
            }

            _crlNextUpdate = pki.CrlNextUpdate;
            _serverNotAfter = pki.ServerNotAfter;
        }

        _pkiCheckedAt = _time.GetUtcNow();
        await _restart.WaitAsync(cancellationToken);
        try
        {
            await StartServersAsync(Pushed(overlaySubnets), adopt, cancellationToken);
        }
        finally
        {
            _restart.Release();
        }

        _loop = Task.Run(() => LoopAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>
    /// The overlay changed: if that changes what the servers push (its IPv4 subnets, with allow_overlay), their
    /// configs are written again and they are restarted (OpenVPN reads its config only when it starts). Connected
    /// clients reconnect by themselves (UDP clients are told at once: explicit-exit-notify).
    /// </summary>
    public async Task UpdateOverlayAsync(ImmutableArray<IPNetwork> overlaySubnets, CancellationToken cancellationToken)
    {
        var pushed = Pushed(overlaySubnets);
        lock (_gate)
        {
            if (pushed.SequenceEqual(_pushedSubnets))
            {
                return;
            }
        }

        await RestartAsync($"the overlay's subnets changed to {Describe(pushed)}", pushed, cancellationToken);
    }

    /// <summary>
    /// A reload changed what the servers' configs say (ports, devices, pool, DNS, what they push): the servers stop,
    /// <paramref name="whileStopped"/> runs (the daemon brings the kill switch up to date for the new devices and
    /// pool before any of them exists), and they start again with the new configs. Their clients reconnect by
    /// themselves, as after <see cref="UpdateOverlayAsync"/>.
    /// </summary>
    public async Task ReconfigureAsync(
        AccessSettings access, ImmutableArray<IPNetwork> overlaySubnets, Func<CancellationToken, Task> whileStopped, CancellationToken cancellationToken)
    {
        await _restart.WaitAsync(cancellationToken);
        try
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _logger.LogInformation("access: restarting the servers: their settings changed");
            await StopServersAsync(leaveRunning: false);
            lock (_gate)
            {
                _access = access;
                _servers = [];
                _sessions = [];
            }

            Publish();
            await whileStopped(cancellationToken);
            await StartServersAsync(Pushed(overlaySubnets), ImmutableDictionary<AccessTransport, int>.Empty, cancellationToken);
        }
        finally
        {
            _restart.Release();
        }
    }

    /// <summary>What conflicts the daemon found between [access] and the overlay or the tunnel now (shown in the status).</summary>
    public void SetConflicts(ImmutableArray<string> conflicts)
    {
        lock (_gate)
        {
            if (conflicts.SequenceEqual(_conflicts))
            {
                return;
            }

            _conflicts = conflicts;
        }

        foreach (var conflict in conflicts)
        {
            _logger.LogError("access: {Conflict}", conflict);
        }

        Publish();
    }

    /// <summary>Every live session on every server that is up and answers; the others, each with why.</summary>
    public async Task<AccessSessionsReport> ReadSessionsAsync(CancellationToken cancellationToken)
    {
        var sessions = ImmutableArray.CreateBuilder<AccessSession>();
        var unreachable = ImmutableArray.CreateBuilder<string>();
        var running = Running();
        if (running.IsEmpty)
        {
            unreachable.Add("the access servers have not been started yet");
        }

        foreach (var server in running)
        {
            try
            {
                sessions.AddRange(await StatusAsync(server, cancellationToken));
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException or FormatException)
            {
                unreachable.Add($"the {server.Server.TransportName} server: {e.Message}");
            }
        }

        return new AccessSessionsReport(sessions.ToImmutable(), unreachable.ToImmutable());
    }

    /// <summary>
    /// Ends every session of <paramref name="commonName"/> on every server (`client-kill CID HALT`: the client is told
    /// to stop, not to reconnect). Returns the sessions ended and the servers that could not be asked.
    /// </summary>
    public async Task<AccessSessionsReport> KillAsync(string commonName, CancellationToken cancellationToken)
    {
        var killed = ImmutableArray.CreateBuilder<AccessSession>();
        var unreachable = ImmutableArray.CreateBuilder<string>();
        foreach (var server in Running())
        {
            try
            {
                var sessions = await StatusAsync(server, cancellationToken);
                foreach (var session in sessions.Where(s => s.ClientId is not null && s.CommonName == commonName))
                {
                    var command = AccessClientReport.KillCommands([session], commonName)[0];
                    await server.Supervisor.SendCommandAsync(command, cancellationToken);
                    _logger.LogInformation("access: ended the session of {Client} on the {Transport} server (`{Command}`)", commonName, server.Server.TransportName, command);
                    killed.Add(session);
                }
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException or FormatException)
            {
                unreachable.Add($"the {server.Server.TransportName} server: {e.Message}");
            }
        }

        _pollNow.Writer.TryWrite(true);
        return new AccessSessionsReport(killed.ToImmutable(), unreachable.ToImmutable());
    }

    /// <summary>Reads the sessions now, records who was seen, and publishes them (also what the loop does).</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        var report = await ReadSessionsAsync(cancellationToken);
        ImmutableArray<AccessSession> before;
        lock (_gate)
        {
            before = _sessions;
            _sessionsBefore = before;
            _sessionsBeforeReadAt = _sessionsReadAt;
            _sessions = report.Sessions;
            _sessionProblems = report.Unreachable;
            _sessionsReadAt = _time.GetUtcNow();
        }

        foreach (var gone in before.Where(b => !report.Sessions.Any(s => Same(s, b))))
        {
            _logger.LogInformation("access: client {Client} disconnected from the {Transport} server", gone.CommonName, Name(gone.Transport));
        }

        try
        {
            _clients.RecordSeen(report.Sessions.Select(s => s.CommonName).Distinct(StringComparer.OrdinalIgnoreCase));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("access: recording when clients were last seen: {Error}", e.Message);
        }

        Publish();
    }

    /// <summary>
    /// Checks the PKI (<see cref="AccessPki.EnsureReady"/>): renews the CRL when due; a renewed server certificate
    /// restarts the servers (they read it only when they start).
    /// </summary>
    public async Task CheckPkiAsync(CancellationToken cancellationToken)
    {
        _pkiCheckedAt = _time.GetUtcNow();
        AccessPkiStatus pki;
        try
        {
            using var pkiLock = _clients.Pki.Lock();
            pki = _clients.Pki.EnsureReady();
        }
        catch (Exception e) when (e is AccessPkiException or IOException or UnauthorizedAccessException)
        {
            // The servers go on with the files they have: they refuse every client only once the CRL has expired.
            _logger.LogError("access: checking the PKI: {Error}", e.Message);
            lock (_gate)
            {
                _pkiProblem = $"checking the access PKI: {e.Message}";
            }

            Publish();
            return;
        }

        foreach (var change in pki.Changes)
        {
            _logger.LogInformation("access PKI: {Change}", change);
        }

        foreach (var warning in pki.Warnings)
        {
            _logger.LogWarning("access PKI: {Warning}", warning.ToString());
        }

        bool renewedServer;
        ImmutableArray<IPNetwork> pushed;
        lock (_gate)
        {
            _pkiProblem = null;
            _crlNextUpdate = pki.CrlNextUpdate;
            renewedServer = _serverNotAfter is { } before && before != pki.ServerNotAfter;
            _serverNotAfter = pki.ServerNotAfter;
            pushed = _pushedSubnets;
        }

        Publish();
        if (renewedServer)
        {
            await RestartAsync("the server certificate was renewed", pushed, cancellationToken);
        }
    }

    /// <summary>Stops the servers (SIGTERM through management, SIGKILL if need be) and the polling.</summary>
    public Task StopAsync() => StopAsync(leaveRunning: false);

    /// <summary>
    /// The daemon stops (SIGTERM, Ctrl-C: a restart by a service manager is a stop and a start): the polling ends and
    /// the management sessions are closed, but the servers keep running and serving their clients, so that a restart
    /// does not drop a single phone (the next `up` takes them over). `causeway down` stops them.
    /// </summary>
    public async Task LeaveRunningAsync()
    {
        ImmutableArray<RunningServer> servers;
        lock (_gate)
        {
            servers = _servers;
        }

        await StopAsync(leaveRunning: true);
        var left = servers.Where(s => s.Supervisor.LeftRunningProcessId is not null)
            .Select(s => $"{s.Server.TransportName} (pid {s.Supervisor.LeftRunningProcessId})")
            .ToList();
        if (left.Count > 0)
        {
            _logger.LogInformation(
                "access: the servers keep running and serving their clients ({Servers}), behind the kill switch that stays; the next `causeway up` takes them over, `causeway down` stops them",
                string.Join(", ", left));
        }
    }

    private async Task StopAsync(bool leaveRunning)
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        if (_loop is { } loop)
        {
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        await _restart.WaitAsync();
        try
        {
            await StopServersAsync(leaveRunning);
        }
        finally
        {
            _restart.Release();
        }

        _changes.Writer.TryComplete();
        Publish();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync();
        _stop.Dispose();
        _restart.Dispose();
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        // Until the poll interval has passed, or something asked for a poll now.
        var wait = new LoopWait(_time, SessionPollInterval).WakeOn(_pollNow.Reader);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await wait.WaitAsync(stop);
                if (_time.GetUtcNow() - _pkiCheckedAt >= PkiCheckInterval)
                {
                    await CheckPkiAsync(stop);
                }

                await PollAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Never give up on the sessions: the next round tries again.
                _logger.LogError("access: reading the sessions: {Error}", e.Message);
            }
        }
    }

    private async Task RestartAsync(string why, ImmutableArray<IPNetwork> pushed, CancellationToken cancellationToken)
    {
        await _restart.WaitAsync(cancellationToken);
        try
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _logger.LogInformation("access: restarting the servers: {Why}", why);
            await StopServersAsync(leaveRunning: false);
            await StartServersAsync(pushed, ImmutableDictionary<AccessTransport, int>.Empty, cancellationToken);
        }
        finally
        {
            _restart.Release();
        }
    }

    /// <summary>
    /// Writes the configs (the same bytes for a server taken over) and starts a supervisor per server. Holds
    /// <see cref="_restart"/>.
    /// </summary>
    private async Task StartServersAsync(ImmutableArray<IPNetwork> pushed, IReadOnlyDictionary<AccessTransport, int> adopt, CancellationToken cancellationToken)
    {
        var launches = AccessServerConfigs.Write(_files, _instance, _access, pushed);
        var started = ImmutableArray.CreateBuilder<RunningServer>();
        foreach (var written in launches)
        {
            var launch = adopt.TryGetValue(written.Server.Transport, out var pid) ? written with { AdoptProcessId = pid } : written;
            var supervisor = _newSupervisor(launch, OnClientEvent);
            await supervisor.StartAsync(cancellationToken);
            started.Add(new RunningServer(launch.Server, supervisor, Task.Run(() => WatchAsync(supervisor), CancellationToken.None)));
            _logger.LogInformation(
                "access: {How} the {Transport} server (port {Port}, device {Device}, clients {Subnet})",
                launch.AdoptProcessId is { } adopted ? $"took over (pid {adopted})" : "started",
                launch.Server.TransportName, launch.Server.Port, launch.Server.DeviceName, launch.Server.Subnet);
        }

        lock (_gate)
        {
            _servers = started.ToImmutable();
            _pushedSubnets = pushed;
        }

        Publish();
    }

    /// <summary>
    /// Stops every supervisor (and its openvpn, unless <paramref name="leaveRunning"/>) and waits for its watcher.
    /// Holds <see cref="_restart"/>.
    /// </summary>
    private async Task StopServersAsync(bool leaveRunning)
    {
        ImmutableArray<RunningServer> servers;
        lock (_gate)
        {
            servers = _servers;
        }

        await Task.WhenAll(servers.Select(async s =>
        {
            if (leaveRunning)
            {
                await s.Supervisor.LeaveRunningAsync(CancellationToken.None);
            }

            await s.Supervisor.DisposeAsync();
            await s.Watch;
        }));
    }

    /// <summary>Follows one supervisor: every change is published, and one that is more than byte counts wakes the daemon (and a poll once it is up).</summary>
    private async Task WatchAsync(ITunnelSupervisor supervisor)
    {
        var wasUp = false;
        TunnelStatus? last = null;
        await foreach (var status in supervisor.Updates.ReadAllAsync())
        {
            var up = status.State == TunnelState.Connected;
            if (up && !wasUp)
            {
                _pollNow.Writer.TryWrite(true);
            }

            wasUp = up;

            // Byte counts alone (every second from OpenVPN) are for the status, not a reason for the daemon's round.
            var withoutCounts = status.WithoutByteCounts();
            if (withoutCounts != last)
            {
                last = withoutCounts;
                _changes.Writer.TryWrite(true);
            }

            Publish();
        }
    }

    private void OnClientEvent(ClientEvent clientEvent)
    {
        if (clientEvent.Kind == ClientEventKind.Established)
        {
            _pollNow.Writer.TryWrite(true);
        }
    }

    private ImmutableArray<RunningServer> Running()
    {
        lock (_gate)
        {
            return _servers;
        }
    }

    private static async Task<ImmutableArray<AccessSession>> StatusAsync(RunningServer server, CancellationToken cancellationToken)
    {
        var reply = await server.Supervisor.SendCommandAsync("status 3", cancellationToken);
        return AccessClientReport.Sessions(server.Server.Transport, OpenVpnStatusParser.ParseServerStatus(reply.Lines));
    }

    /// <summary>What the servers push of the overlay: its IPv4 subnets, and only with allow_overlay.</summary>
    private ImmutableArray<IPNetwork> Pushed(ImmutableArray<IPNetwork> overlaySubnets) =>
        _access.AllowOverlay && !overlaySubnets.IsDefault
            ? [.. overlaySubnets.Where(s => s.BaseAddress.AddressFamily == AddressFamily.InterNetwork)]
            : [];

    private void Publish()
    {
        AccessStatusReport report;
        lock (_gate)
        {
            var servers = _servers.IsDefaultOrEmpty
                ? _access.Servers.Select(s => Stopped(s)).ToImmutableArray()
                : [.. _servers.Select(r => Report(r.Server, r.Supervisor.Current))];
            report = new AccessStatusReport(
                _serverHost,
                servers,
                [.. _sessions.Select(SessionReport)],
                _sessionsReadAt,
                [.. _conflicts, .. _sessionProblems, .. _pkiProblem is null ? [] : new[] { _pkiProblem }],
                _crlNextUpdate);
        }

        _status.Update(s => s with { Access = report });
    }

    /// <summary>A session with its rates since the read before (null for a session that read did not have).</summary>
    private AccessSessionStatusReport SessionReport(AccessSession session)
    {
        var report = new AccessSessionStatusReport(
            session.CommonName, Name(session.Transport), session.VirtualAddress?.ToString(), session.ConnectedSince, session.BytesReceived, session.BytesSent);
        if (_sessionsReadAt is not { } now || _sessionsBeforeReadAt is not { } then || !_sessionsBefore.Any(b => Same(b, session)))
        {
            return report;
        }

        var before = _sessionsBefore.First(b => Same(b, session));
        return report with
        {
            BytesReceivedPerSecond = CounterDelta.PerSecond(before.BytesReceived, session.BytesReceived, now - then),
            BytesSentPerSecond = CounterDelta.PerSecond(before.BytesSent, session.BytesSent, now - then),
        };
    }

    private AccessServerStatusReport Report(AccessServerSettings server, TunnelStatus status) => new(
        server.TransportName,
        server.Port,
        server.DeviceName,
        server.Subnet.ToString(),
        status.State.ToString(),
        status.State == TunnelState.Connected,
        status.StateSince,
        string.IsNullOrEmpty(status.Detail) ? null : status.Detail,
        status.ProcessStarts,
        status.LastError,
        _sessions.Count(s => s.Transport == server.Transport));

    private AccessServerStatusReport Stopped(AccessServerSettings server) =>
        Report(server, TunnelStatus.Stopped(_time.GetUtcNow()));

    private static bool Same(AccessSession a, AccessSession b) =>
        a.Transport == b.Transport && a.ClientId == b.ClientId && a.CommonName == b.CommonName;

    private static string Name(AccessTransport transport) => transport == AccessTransport.Udp ? "udp" : "tcp";

    private static string Describe(ImmutableArray<IPNetwork> subnets) => subnets.IsEmpty ? "none" : string.Join(", ", subnets);

    private sealed record RunningServer(AccessServerSettings Server, ITunnelSupervisor Supervisor, Task Watch);
}
