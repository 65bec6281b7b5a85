using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Causeway.Engine.Tests.OpenVpn;

/// <summary>
/// OpenVPN's side of the management socket, on a real unix socket: greets each connection, answers commands the
/// way 2.6.14 does (see Causeway.Core.Tests' transcripts) and sends whatever lines a test pushes.
/// </summary>
public sealed class FakeManagementServer : IAsyncDisposable
{
    public const string Greeting = ">INFO:OpenVPN Management Interface Version 5 -- type 'help' for more info";

    /// <summary>What a client with Causeway's config sends after `hold release` (2.6.14, captured; env shortened).</summary>
    public static readonly string[] ConnectSequence =
    [
        ">STATE:1795599669,WAIT,,,,,,",
        ">STATE:1795599669,AUTH,,,,,,",
        ">STATE:1795599669,ASSIGN_IP,,10.8.0.2,,,,",
        ">UPDOWN:UP",
        ">UPDOWN:ENV,dev_type=tun",
        ">UPDOWN:ENV,dev=tuncw0",
        ">UPDOWN:ENV,route_vpn_gateway=10.8.0.1",
        ">UPDOWN:ENV,route_net_gateway=0.0.0.0",
        ">UPDOWN:ENV,ifconfig_netmask=255.255.255.0",
        ">UPDOWN:ENV,ifconfig_local=10.8.0.2",
        ">UPDOWN:ENV,foreign_option_1=dhcp-option DNS 10.8.0.1",
        ">UPDOWN:ENV,remote_1=10.99.0.1",
        ">UPDOWN:ENV,END",
        ">STATE:1795599669,CONNECTED,SUCCESS,10.8.0.2,10.99.0.1,1194,,",
    ];

    private readonly Socket _listener;
    private readonly Channel<string> _commands = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private Socket? _connection;
    private int _connections;
    private int _closedByClient;

    public FakeManagementServer(string path)
    {
        Path = path;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public string Path { get; }

    /// <summary>Sent on each new connection.</summary>
    public IReadOnlyList<string> Hello { get; set; } = [Greeting, ">HOLD:Waiting for hold release:0"];

    /// <summary>The answer to a command; by default what OpenVPN 2.6 answers.</summary>
    public Func<string, IReadOnlyList<string>> Reply { get; set; } = DefaultReply;

    /// <summary>Run after a command is answered, e.g. to send the connect sequence after `hold release`.</summary>
    public Func<string, Task>? AfterReply { get; set; }

    /// <summary>Every command received, in order.</summary>
    public ChannelReader<string> Commands => _commands.Reader;

    public List<string> CommandLog { get; } = [];

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Sessions the client closed (EOF from its side), as OpenVPN sees a management client leave.</summary>
    public int SessionsClosedByClient => Volatile.Read(ref _closedByClient);

    public static IReadOnlyList<string> DefaultReply(string command) => command switch
    {
        "state on all" => ["SUCCESS: real-time state notification set to ON", "1795599668,CONNECTING,,,,,,", "END"],
        _ when command.StartsWith("bytecount ", StringComparison.Ordinal) => ["SUCCESS: bytecount interval changed"],
        "hold off" => ["SUCCESS: hold flag set to OFF"],
        "hold release" => ["SUCCESS: hold release succeeded"],
        _ when command.StartsWith("signal ", StringComparison.Ordinal) => [$"SUCCESS: signal {command[7..]} thrown"],
        "pid" => ["SUCCESS: pid=4242"],
        "log on all" => ["SUCCESS: real-time log notification set to ON", "1795599668,,OpenVPN 2.6.14 x86_64-pc-linux-gnu", "1795599668,I,Initialization Sequence Completed", "END"],
        "log on" => ["SUCCESS: real-time log notification set to ON"],
        _ => ["ERROR: unknown command, enter 'help' for more options"],
    };

    /// <summary>Waits (real clock, bounded) for the next command.</summary>
    public async Task<string> NextCommandAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _commands.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Waits for a command, skipping others.</summary>
    public async Task WaitForCommandAsync(string command)
    {
        while (await NextCommandAsync() != command)
        {
        }
    }

    /// <summary>Sends lines (with "\r\n") to the current connection.</summary>
    public async Task SendAsync(params string[] lines)
    {
        var connection = _connection ?? throw new InvalidOperationException("no management client is connected");
        await WriteAsync(connection, lines);
    }

    /// <summary>Sends raw text, without adding line ends.</summary>
    public async Task SendRawAsync(string text)
    {
        var connection = _connection ?? throw new InvalidOperationException("no management client is connected");
        await _writeLock.WaitAsync();
        try
        {
            await connection.SendAsync(Encoding.UTF8.GetBytes(text));
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Closes the current connection (what a dying OpenVPN does).</summary>
    public void Disconnect()
    {
        var connection = Interlocked.Exchange(ref _connection, null);
        if (connection is not null)
        {
            try
            {
                connection.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
            }

            connection.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        Disconnect();
        try
        {
            await _acceptLoop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        File.Delete(Path);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Disconnect();
            _connection = connection;
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        try
        {
            await WriteAsync(connection, Hello);
            using var stream = new NetworkStream(connection, ownsSocket: false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(_stop.Token) is { } command)
            {
                lock (CommandLog)
                {
                    CommandLog.Add(command);
                }

                await _commands.Writer.WriteAsync(command);
                await WriteAsync(connection, Reply(command));
                if (AfterReply is { } after)
                {
                    await after(command);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The connection went away.
        }
        finally
        {
            // Still the current connection: it was not this side that closed it (EOF, or a reset if data was unread).
            if (ReferenceEquals(Volatile.Read(ref _connection), connection) && !_stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _closedByClient);
            }
        }
    }

    private async Task WriteAsync(Socket connection, IEnumerable<string> lines)
    {
        var text = string.Concat(lines.Select(l => l + "\r\n"));
        if (text.Length == 0)
        {
            return;
        }

        await _writeLock.WaitAsync();
        try
        {
            await connection.SendAsync(Encoding.UTF8.GetBytes(text));
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
