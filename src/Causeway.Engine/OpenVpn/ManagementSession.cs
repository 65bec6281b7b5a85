using System.Threading.Channels;
using Causeway.Core.Management;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.OpenVpn;

/// <summary>
/// The supervisor's management session with one openvpn process: connecting (racing the process's exit), the
/// initial commands, commands with a timeout, and what each event means for the log (the relayed `>LOG:` lines, the
/// `>CLIENT:` notices). What the events mean for the tunnel is <see cref="Core.Tunnel.TunnelTransitions"/>'s business.
/// </summary>
internal sealed class ManagementSession : IAsyncDisposable
{
    /// <summary>From launch to the management greeting (the socket appears a moment after openvpn starts).</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often OpenVPN reports the tunnel's byte counts (`bytecount N`). They only feed `bytesIn`/`bytesOut` in the
    /// status and /metrics (the rates come from the traffic watch's own readings), and every report is a line to read
    /// and a status to publish: 5 s rather than 1 s keeps the idle daemon's CPU down (bench/footprint).
    /// </summary>
    public const int ByteCountSeconds = 5;

    /// <summary>After openvpn exits, how long its management socket may stay open before it is closed from here.</summary>
    private static readonly TimeSpan EofGrace = TimeSpan.FromSeconds(2);

    private readonly ManagementClient _client;
    private readonly OpenVpnLaunch _launch;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OpenVpnOutput _output;
    private readonly Action<ClientEvent>? _onClientEvent;

    private ManagementSession(
        ManagementClient client, OpenVpnLaunch launch, TimeProvider time, ILogger logger, OpenVpnOutput output, Action<ClientEvent>? onClientEvent)
    {
        _client = client;
        _launch = launch;
        _time = time;
        _logger = logger;
        _output = output;
        _onClientEvent = onClientEvent;
    }

    /// <summary>Every real-time message, in order. Completes at EOF.</summary>
    public ChannelReader<ManagementEvent> Events => _client.Events;

    /// <summary>Whether the connection still stands (no EOF yet, not closed from here).</summary>
    public bool IsOpen => !_client.Completion.IsCompleted;

    /// <summary>Connects to the management socket; null if openvpn exits first.</summary>
    public static async Task<ManagementSession?> ConnectAsync(
        IUnixSocketConnector connector,
        OpenVpnLaunch launch,
        IRunningProcess process,
        TimeProvider time,
        ILogger logger,
        OpenVpnOutput output,
        Action<ClientEvent>? onClientEvent,
        CancellationToken stop)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var connect = ManagementClient.ConnectAsync(connector, launch.ManagementSocketPath, time, ConnectTimeout, abandon.Token);
        if (await Task.WhenAny(connect, process.Exited) == connect)
        {
            return new ManagementSession(await connect, launch, time, logger, output, onClientEvent);
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
    /// The state history and live states, byte counts every <see cref="ByteCountSeconds"/>, and no hold after restarts; returns the history's
    /// last state (null if none). The initial hold (`management-hold`) is not released here but in answer to its
    /// >HOLD line, like every later one, so that `hold release` is never sent twice for one hold.
    /// </summary>
    /// <remarks>A server is not held and its clients are read with `status 3`: it gets `state on all` only.</remarks>
    /// <param name="adopted">The process was taken over: its log from now on only (the previous daemon logged the rest).</param>
    public async Task<OpenVpnStateEntry?> InitializeAsync(bool adopted, CancellationToken stop)
    {
        var history = await CommandAsync(ManagementCommands.StateOnAll, stop);
        var last = history.Lines.Select(OpenVpnStateEntry.TryParse).LastOrDefault(e => e is not null);
        if (_launch.Mode == OpenVpnMode.Client)
        {
            await CommandAsync(ManagementCommands.ByteCount(ByteCountSeconds), stop);
            await CommandAsync(ManagementCommands.HoldOff, stop);
        }

        if (_launch.LogFilePath is not null)
        {
            // A detached openvpn's output goes to its file, not to us: its log comes through here instead.
            var log = await CommandAsync(adopted ? "log on" : "log on all", stop);
            foreach (var entry in log.Lines.Select(LogEntry.TryParse))
            {
                if (entry is not null)
                {
                    _output.OnLine(entry.Text);
                }
            }
        }

        return last;
    }

    /// <summary>Sends a command and returns its reply, checked (<see cref="InvalidOperationException"/> on ERROR).</summary>
    /// <exception cref="TimeoutException">No answer within <see cref="CommandTimeout"/>.</exception>
    public async Task<ManagementReply> CommandAsync(string command, CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(CommandTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            return (await _client.SendAsync(command, linked.Token)).EnsureSuccess(command);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            throw new TimeoutException($"openvpn did not answer `{command}` within {CommandTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>`signal SIGTERM` through the session; false if it could not be sent (the caller signals the process instead).</summary>
    public async Task<bool> AskToExitAsync()
    {
        try
        {
            await _client.SendAsync(ManagementCommands.SignalTerminate).WaitAsync(CommandTimeout, _time);
            return true;
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException)
        {
            _logger.LogDebug("asking openvpn to exit through its management socket: {Error}", e.Message);
            return false;
        }
    }

    /// <summary>A dead process closes its socket; should the session stay open anyway, it is closed from here.</summary>
    public async Task CloseWhenProcessExitsAsync(IRunningProcess process, CancellationToken cancellationToken)
    {
        try
        {
            await process.Exited.WaitAsync(cancellationToken);
            await Task.Delay(EofGrace, _time, cancellationToken);
            await _client.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // The session ended first.
        }
    }

    /// <summary>What <paramref name="managementEvent"/> says for the log, relayed lines and client notices included.</summary>
    public void Note(ManagementEvent managementEvent)
    {
        switch (managementEvent)
        {
            case HoldEvent hold:
                _logger.LogDebug("openvpn holds ({Text}): releasing it", hold.Text);
                break;
            case StateEvent { Entry.State: OpenVpnState.Reconnecting } state:
                _logger.LogWarning("tunnel reconnecting: {Reason}", state.Entry.Detail);
                break;
            case StateEvent { Entry.State: OpenVpnState.Exiting } state:
                _logger.LogInformation("openvpn exiting: {Reason}", state.Entry.Detail);
                break;
            case UpDownEvent { IsUp: false }:
                _logger.LogDebug("openvpn: tun device going down");
                break;
            case UpDownEvent upDown:
                var pushed = upDown.PushedOptions;
                _logger.LogInformation(
                    "openvpn pushed: device {Device}, address {Local}, gateway {Gateway}, DNS [{Dns}]",
                    pushed.Device,
                    pushed.LocalAddress,
                    pushed.VpnGateway,
                    string.Join(", ", pushed.DnsServers));
                break;
            case StateEvent or ByteCountEvent or FatalEvent or PasswordEvent { Kind: PasswordEventKind.VerificationFailed or PasswordEventKind.Need }:
                // The tunnel's business: the supervisor logs what it changes.
                break;
            case LogEvent log when _launch.LogFilePath is not null:
                _output.OnLine(log.Entry.Text);
                _output.KeepLogFileSmall(log.Entry.Text.Length);
                break;
            case LogEvent log:
                _logger.LogDebug("openvpn log: {Text}", log.Entry.Text);
                break;
            case ClientEvent clientEvent:
                PassOn(clientEvent);
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

    /// <summary>Closing the session is what lets the next daemon in: OpenVPN serves one management client at a time.</summary>
    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private void PassOn(ClientEvent clientEvent)
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
            _onClientEvent?.Invoke(clientEvent);
        }
        catch (Exception e)
        {
            _logger.LogWarning("handling a client notice of {Name}: {Error}", _launch.Name, e.Message);
        }
    }
}
