using System.Net.Sockets;
using System.Text;

namespace Causeway.TestKit;

/// <summary>
/// What systemd is to a `Type=notify` service, for tests: a datagram unix socket bound at a path or, starting with '@',
/// in the abstract namespace (the address goes into $NOTIFY_SOCKET), keeping every message it receives, in order.
/// </summary>
public sealed class NotifySocketListener : IDisposable
{
    private readonly Socket _socket;
    private readonly List<string> _messages = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Task _receiving;

    private NotifySocketListener(string address)
    {
        Address = address;
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        _socket.Bind(new UnixDomainSocketEndPoint(address.StartsWith('@') ? "\0" + address[1..] : address));
        _receiving = Task.Run(ReceiveAsync);
    }

    /// <summary>As $NOTIFY_SOCKET names it.</summary>
    public string Address { get; }

    /// <summary>Every message so far (newline-separated assignments each).</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Every assignment of every message so far, in order (e.g. "READY=1", "STATUS=…").</summary>
    public IReadOnlyList<string> Assignments => [.. Messages.SelectMany(m => m.Split('\n'))];

    public static NotifySocketListener Bind(string address) => new(address);

    /// <summary>
    /// Waits (real time, bounded) until an assignment from index <paramref name="from"/> on matches; returns its index.
    /// Fails with every assignment received when none does in time.
    /// </summary>
    public async Task<int> WaitForAsync(Func<string, bool> match, int from, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var assignments = Assignments;
            for (var i = from; i < assignments.Count; i++)
            {
                if (match(assignments[i]))
                {
                    return i;
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException($"no {what} on {Address} within {timeout.TotalSeconds:0} s; received:\n{string.Join('\n', Assignments)}");
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _receiving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Closed under its pending receive.
        }

        if (!Address.StartsWith('@'))
        {
            File.Delete(Address);
        }

        _stop.Dispose();
        _arrived.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        while (!_stop.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (_messages)
            {
                _messages.Add(Encoding.UTF8.GetString(buffer, 0, length));
            }

            _arrived.Release();
        }
    }
}
