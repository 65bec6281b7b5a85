using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Causeway.Engine.Seams;

namespace Causeway.Linux.Platform;

/// <summary>
/// systemd's notify protocol (sd_notify(3)), without libsystemd: each message is one datagram on the unix socket named
/// by $NOTIFY_SOCKET, a path or, starting with '@', an address in the abstract namespace. Nobody listens when the
/// variable is unset (a terminal, the lab): <see cref="FromEnvironment"/> then gives <see cref="NoServiceManager"/>.
/// </summary>
public sealed class SystemdNotifySocket : IServiceManager, IDisposable
{
    public const string SocketVariable = "NOTIFY_SOCKET";
    public const string WatchdogTimeoutVariable = "WATCHDOG_USEC";
    public const string WatchdogProcessVariable = "WATCHDOG_PID";

    private readonly Lock _gate = new();
    private readonly UnixDomainSocketEndPoint? _endpoint;
    private readonly string? _unusable;
    private Socket? _socket;

    /// <param name="address">
    /// $NOTIFY_SOCKET: an absolute path, or '@' and an abstract name. Anything else makes every message fail, saying
    /// why: the service manager waits for READY=1 in vain, and the log should say so.
    /// </param>
    public SystemdNotifySocket(string address, TimeSpan? watchdogTimeout)
    {
        Address = address;
        WatchdogTimeout = watchdogTimeout;
        try
        {
            _endpoint = address switch
            {
                ['/', ..] => new UnixDomainSocketEndPoint(address),
                ['@', _, ..] => new UnixDomainSocketEndPoint("\0" + address[1..]),
                _ => null,
            };
            _unusable = _endpoint is null ? "neither an absolute path nor an abstract address ('@name')" : null;
        }
        catch (ArgumentException e)
        {
            _unusable = e.Message;
        }
    }

    public string Address { get; }

    public bool IsListening => true;

    public TimeSpan? WatchdogTimeout { get; }

    /// <summary>
    /// From $NOTIFY_SOCKET, $WATCHDOG_USEC and $WATCHDOG_PID, which it then removes from this process's environment (as
    /// sd_notify's unset_environment does): the programs `up` starts must not speak for the service. Debian's openvpn is
    /// built with systemd support and would say READY=1 itself when its tunnel connects.
    /// </summary>
    /// <param name="processId">This process: a watchdog meant for another pid is not this one's.</param>
    public static IServiceManager FromEnvironment(int processId)
    {
        var address = Environment.GetEnvironmentVariable(SocketVariable);
        var timeout = Environment.GetEnvironmentVariable(WatchdogTimeoutVariable);
        var watchdogProcess = Environment.GetEnvironmentVariable(WatchdogProcessVariable);
        foreach (var variable in new[] { SocketVariable, WatchdogTimeoutVariable, WatchdogProcessVariable })
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        if (string.IsNullOrEmpty(address))
        {
            return NoServiceManager.Instance;
        }

        return new SystemdNotifySocket(address, Watchdog(timeout, watchdogProcess, processId));
    }

    /// <summary>$WATCHDOG_USEC as a time span, if it is for <paramref name="processId"/> ($WATCHDOG_PID unset or the same).</summary>
    public static TimeSpan? Watchdog(string? timeoutMicroseconds, string? watchdogProcess, int processId)
    {
        if (!ulong.TryParse(timeoutMicroseconds, NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds) || microseconds == 0)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(watchdogProcess)
            && (!int.TryParse(watchdogProcess, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid != processId))
        {
            return null;
        }

        return TimeSpan.FromMicroseconds(Math.Min(microseconds, (ulong)TimeSpan.MaxValue.TotalMicroseconds));
    }

    public bool Notify(string message, out string? error)
    {
        if (_endpoint is null)
        {
            error = $"telling the service manager: {SocketVariable}={Address}: {_unusable}";
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(message);
        lock (_gate)
        {
            try
            {
                // Made at the first message, so that a process that never says anything holds no socket.
                _socket ??= new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
                _socket.SendTo(bytes, SocketFlags.None, _endpoint);
                error = null;
                return true;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                error = $"telling the service manager ({SocketVariable}={Address}) \"{message.Split('\n')[0]}…\": {e.Message}";
                return false;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _socket?.Dispose();
            _socket = null;
        }
    }
}
