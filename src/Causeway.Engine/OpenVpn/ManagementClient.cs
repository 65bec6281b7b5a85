using System.Text;
using System.Threading.Channels;
using Causeway.Core.Management;
using Causeway.Engine.Seams;

namespace Causeway.Engine.OpenVpn;

/// <summary>
/// One session on OpenVPN's management socket. Commands go out with <see cref="SendAsync(string, CancellationToken)"/>
/// and their replies come back in order; everything OpenVPN sends on its own (`>STATE:`, `>HOLD:`, `>UPDOWN:` ...)
/// comes out of <see cref="Events"/>, including what arrives between a command and its reply. When OpenVPN goes
/// away (EOF), commands still waiting fail with an <see cref="IOException"/> and <see cref="Events"/> completes.
/// </summary>
public sealed class ManagementClient : IAsyncDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);

    private readonly Stream _stream;
    private readonly ManagementLineReader _lines;
    private readonly ManagementProtocol _protocol = new();
    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource<ManagementReply>> _waiting = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Channel<ManagementEvent> _events = Channel.CreateUnbounded<ManagementEvent>();
    private readonly CancellationTokenSource _closing = new();
    private readonly string _socketPath;
    private Task _reader = Task.CompletedTask;
    private bool _closed;
    private int _disposed;

    private ManagementClient(Stream stream, string socketPath)
    {
        _stream = stream;
        _lines = new ManagementLineReader(stream);
        _socketPath = socketPath;
    }

    /// <summary>The greeting's text, e.g. "OpenVPN Management Interface Version 5 -- type 'help' for more info".</summary>
    public string Greeting { get; private set; } = string.Empty;

    /// <summary>5 for OpenVPN 2.6, 6 for 2.7 (from the greeting).</summary>
    public int ManagementVersion => _protocol.ManagementVersion;

    /// <summary>Every real-time message after the greeting, in arrival order. Completes at EOF.</summary>
    public ChannelReader<ManagementEvent> Events => _events.Reader;

    /// <summary>Completes when the session has ended (EOF, a broken connection, or dispose).</summary>
    public Task Completion => _reader;

    /// <summary>
    /// Connects to the socket, retrying while it does not exist yet or nobody listens (OpenVPN creates it a moment
    /// after it starts), and reads the greeting. Gives up after <paramref name="timeout"/> (on
    /// <paramref name="timeProvider"/>) with an <see cref="IOException"/> saying why.
    /// </summary>
    /// <param name="password">For a socket protected by a password file (it first sends `ENTER PASSWORD:`).</param>
    public static async Task<ManagementClient> ConnectAsync(
        IUnixSocketConnector connector,
        string socketPath,
        TimeProvider timeProvider,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        string? password = null)
    {
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        bool TimedOut() => deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested;

        Stream? stream = null;
        string? lastFailure = null;
        while (stream is null)
        {
            try
            {
                stream = await connector.ConnectAsync(socketPath, linked.Token);
            }
            catch (IOException e)
            {
                lastFailure = e.Message;
            }
            catch (OperationCanceledException) when (TimedOut())
            {
            }

            if (stream is null)
            {
                try
                {
                    linked.Token.ThrowIfCancellationRequested();
                    await Task.Delay(RetryInterval, timeProvider, linked.Token);
                }
                catch (OperationCanceledException) when (TimedOut())
                {
                    throw new IOException(
                        $"connecting to OpenVPN's management socket {socketPath}: nothing answered within "
                        + $"{timeout.TotalSeconds:0.#} s ({lastFailure ?? "timed out"}); did openvpn start, and does its "
                        + $"config say `management {socketPath} unix`?");
                }
            }
        }

        var client = new ManagementClient(stream, socketPath);
        try
        {
            await client.ReadGreetingAsync(password, linked.Token);
        }
        catch (OperationCanceledException) when (TimedOut())
        {
            await client.DisposeAsync();
            throw new IOException($"OpenVPN's management socket {socketPath} sent no greeting within {timeout.TotalSeconds:0.#} s");
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }

        client._reader = Task.Run(client.ReadLoopAsync, CancellationToken.None);
        return client;
    }

    /// <summary>Sends a command (one line, or several for `client-auth`) and waits for its whole reply.</summary>
    /// <exception cref="IOException">The session ended before the reply came.</exception>
    public Task<ManagementReply> SendAsync(string command, CancellationToken cancellationToken = default) =>
        SendAsync(command, ManagementCommands.ShapeOf(command, ManagementVersion), cancellationToken);

    /// <summary>
    /// Sends a command whose reply has the given shape. With <see cref="ReplyShape.None"/> this returns as soon as
    /// the command is written, with an empty success.
    /// </summary>
    public async Task<ManagementReply> SendAsync(string command, ReplyShape shape, CancellationToken cancellationToken = default)
    {
        if (command.Contains('\r', StringComparison.Ordinal) || command.EndsWith('\n'))
        {
            throw new ArgumentException("a management command has no \\r and no trailing line break", nameof(command));
        }

        await _writeLock.WaitAsync(cancellationToken);
        Task<ManagementReply> reply;
        try
        {
            var waiter = new TaskCompletionSource<ManagementReply>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (_closed)
                {
                    throw new IOException(
                        $"sending `{Redact(command)}`: the session on OpenVPN's management socket {_socketPath} has ended (did openvpn exit?)");
                }

                // Queued before the bytes leave, so that the reply cannot arrive before its waiter exists.
                _protocol.ExpectReply(shape);
                if (shape.ExpectsReply)
                {
                    _waiting.Enqueue(waiter);
                }
                else
                {
                    waiter.SetResult(ManagementReply.Success(string.Empty));
                }
            }

            reply = waiter.Task;
            try
            {
                // Not cancellable half-way: a command cut in the middle would garble the next one.
                await _stream.WriteAsync(Encoding.UTF8.GetBytes(command + "\n"), CancellationToken.None);
                await _stream.FlushAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
            {
                Close();
                throw new IOException($"sending `{Redact(command)}` to OpenVPN's management socket {_socketPath}: {e.Message}", e);
            }
        }
        finally
        {
            _writeLock.Release();
        }

        try
        {
            return await reply.WaitAsync(cancellationToken);
        }
        catch (IOException e)
        {
            throw new IOException($"waiting for OpenVPN's reply to `{Redact(command)}`: {e.Message}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _closing.CancelAsync();
        await _stream.DisposeAsync();
        await _reader;
        Close();
        _closing.Dispose();
    }

    /// <summary>Reads up to the greeting; answers a password prompt on the way.</summary>
    private async Task ReadGreetingAsync(string? password, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await _lines.ReadLineAsync(cancellationToken)
                ?? throw new IOException($"OpenVPN's management socket {_socketPath} closed before its greeting (another client connected?)");
            foreach (var message in _protocol.Feed(line))
            {
                switch (message)
                {
                    case InfoEvent { ManagementVersion: not null } greeting:
                        Greeting = greeting.Text;
                        return;
                    case PasswordPromptEvent when password is null:
                        throw new IOException(
                            $"OpenVPN's management socket {_socketPath} asks for a password and none is configured: is "
                            + "another openvpn using this socket path?");
                    case PasswordPromptEvent:
                        _protocol.ExpectReply(ReplyShape.SingleLine);
                        await _stream.WriteAsync(Encoding.UTF8.GetBytes(password + "\n"), cancellationToken);
                        await _stream.FlushAsync(cancellationToken);
                        break;
                    case ManagementReply { IsSuccess: false } refused:
                        throw new IOException($"OpenVPN's management socket {_socketPath} refused the password: {refused.Message}");
                    case ManagementEvent early:
                        _events.Writer.TryWrite(early);
                        break;
                }
            }
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await _lines.ReadLineAsync(_closing.Token) is { } line)
            {
                IReadOnlyList<ManagementMessage> messages;
                lock (_gate)
                {
                    messages = _protocol.Feed(line);
                }

                foreach (var message in messages)
                {
                    if (message is ManagementEvent managementEvent)
                    {
                        _events.Writer.TryWrite(managementEvent);
                        continue;
                    }

                    TaskCompletionSource<ManagementReply>? waiter;
                    lock (_gate)
                    {
                        _waiting.TryDequeue(out waiter);
                    }

                    waiter?.TrySetResult((ManagementReply)message);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection went away: the same as EOF.
        }
        finally
        {
            Close();
        }
    }

    private void Close()
    {
        List<TaskCompletionSource<ManagementReply>> abandoned;
        IReadOnlyList<ManagementMessage> flushed;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            flushed = _protocol.Close().Flushed;
            abandoned = [.. _waiting];
            _waiting.Clear();
        }

        foreach (var message in flushed.OfType<ManagementEvent>())
        {
            _events.Writer.TryWrite(message);
        }

        _events.Writer.TryComplete();
        var ended = new IOException($"OpenVPN closed its management socket {_socketPath} (did openvpn exit?)");
        foreach (var waiter in abandoned)
        {
            waiter.TrySetException(ended);
        }
    }

    /// <summary>Never put a password in a message.</summary>
    private static string Redact(string command) =>
        command.StartsWith("password ", StringComparison.OrdinalIgnoreCase) ? "password ..." : command.Split('\n')[0];
}
