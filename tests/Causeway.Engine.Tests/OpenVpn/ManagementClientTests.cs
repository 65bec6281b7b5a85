using Causeway.Core.Management;
using Causeway.Engine.OpenVpn;
using Causeway.Linux.Platform;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.Engine.Tests.OpenVpn;

public sealed class ManagementClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _directory = new();
    private FakeManagementServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _server = new FakeManagementServer(_directory.File("m.sock"));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Reads_the_greeting_and_gives_the_pending_hold_as_an_event()
    {
        await using var client = await ConnectAsync();

        Assert.Equal("OpenVPN Management Interface Version 5 -- type 'help' for more info", client.Greeting);
        Assert.Equal(5, client.ManagementVersion);
        var hold = Assert.IsType<HoldEvent>(await client.Events.ReadAsync(Token));
        Assert.Equal(0, hold.WaitSeconds);
    }

    [Fact]
    public async Task Replies_come_back_in_order_with_events_interleaved()
    {
        _server.Reply = command => command switch
        {
            "state on all" =>
            [
                "SUCCESS: real-time state notification set to ON",
                ">BYTECOUNT:1,2",
                "1795599668,CONNECTING,,,,,,",
                ">STATE:1795599669,WAIT,,,,,,",
                "END",
            ],
            "status" => ["OpenVPN STATISTICS", ">BYTECOUNT:3,4", "TUN/TAP read bytes,96", "END"],
            _ => FakeManagementServer.DefaultReply(command),
        };
        await using var client = await ConnectAsync();

        var replies = await Task.WhenAll(
            client.SendAsync("state on all", Token),
            client.SendAsync("hold off", Token),
            client.SendAsync("status", Token),
            client.SendAsync("pid", Token));

        Assert.Equal(["1795599668,CONNECTING,,,,,,"], replies[0].Lines);
        Assert.Equal("hold flag set to OFF", replies[1].Message);
        Assert.Equal(["OpenVPN STATISTICS", "TUN/TAP read bytes,96"], replies[2].Lines);
        Assert.Equal("pid=4242", replies[3].Message);
        Assert.IsType<HoldEvent>(await client.Events.ReadAsync(Token));
        Assert.Equal(new ByteCountEvent(1, 2), await client.Events.ReadAsync(Token));
        Assert.IsType<StateEvent>(await client.Events.ReadAsync(Token));
        Assert.Equal(new ByteCountEvent(3, 4), await client.Events.ReadAsync(Token));
    }

    [Fact]
    public async Task An_error_reply_is_a_reply_not_an_exception()
    {
        await using var client = await ConnectAsync();

        var reply = await client.SendAsync("foo", Token);

        Assert.False(reply.IsSuccess);
        var error = Assert.Throws<InvalidOperationException>(() => reply.EnsureSuccess("foo"));
        Assert.Contains("`foo`", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown command", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eof_fails_the_waiting_command_and_completes_the_events()
    {
        _server.Reply = command => command == "signal SIGTERM" ? [] : FakeManagementServer.DefaultReply(command);
        _server.AfterReply = command =>
        {
            if (command == "signal SIGTERM")
            {
                _server.Disconnect();
            }

            return Task.CompletedTask;
        };
        await using var client = await ConnectAsync();

        var error = await Assert.ThrowsAsync<IOException>(() => client.SendAsync("signal SIGTERM", Token));

        Assert.Contains("signal SIGTERM", error.Message, StringComparison.Ordinal);
        Assert.Contains("did openvpn exit?", error.Message, StringComparison.Ordinal);
        await client.Completion.WaitAsync(Timeout, Token);
        var remaining = await client.Events.ReadAllAsync(Token).ToListAsync(Token).AsTask().WaitAsync(Timeout, Token);
        Assert.IsType<HoldEvent>(Assert.Single(remaining));
        await Assert.ThrowsAsync<IOException>(() => client.SendAsync("pid", Token));
    }

    [Fact]
    public async Task Retries_on_the_time_provider_until_the_socket_answers()
    {
        var time = new FakeTimeProvider();
        var connector = new FlakyConnector(failures: 3);

        var connecting = ManagementClient.ConnectAsync(connector, _server.Path, time, Timeout, Token);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await Eventually.WaitUntilAsync(() => connector.Attempts == attempt);
            Assert.False(connecting.IsCompleted);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        await using var client = await connecting.WaitAsync(Timeout, Token);
        Assert.Equal(4, connector.Attempts);
    }

    [Fact]
    public async Task Gives_up_with_a_clear_error_when_nothing_listens()
    {
        var time = new FakeTimeProvider();
        var connector = new FlakyConnector(failures: int.MaxValue);
        var connecting = ManagementClient.ConnectAsync(connector, "/run/nowhere/m.sock", time, TimeSpan.FromSeconds(30), Token);

        while (!connecting.IsCompleted)
        {
            await Eventually.WaitUntilAsync(() => connector.Attempts > 0);
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        var error = await Assert.ThrowsAsync<IOException>(() => connecting);
        Assert.Contains("/run/nowhere/m.sock", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing answered within 30 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("`management /run/nowhere/m.sock unix`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_the_password_prompt_of_a_protected_socket()
    {
        _server.Hello = [];
        _server.Reply = command => command == "s3cret"
            ? ["SUCCESS: password is correct", FakeManagementServer.Greeting]
            : FakeManagementServer.DefaultReply(command);
        var connecting = ManagementClient.ConnectAsync(new UnixSocketConnector(), _server.Path, TimeProvider.System, Timeout, Token, password: "s3cret");
        await Eventually.WaitUntilAsync(() => _server.Connections == 1);
        await _server.SendRawAsync("ENTER PASSWORD:");

        await using var client = await connecting.WaitAsync(Timeout, Token);

        Assert.Equal("s3cret", await _server.NextCommandAsync());
        Assert.Equal(5, client.ManagementVersion);
        Assert.Equal("pid=4242", (await client.SendAsync("pid", Token)).Message);
    }

    [Fact]
    public async Task A_password_prompt_without_a_password_is_an_error_naming_the_socket()
    {
        _server.Hello = [];
        var connecting = ManagementClient.ConnectAsync(new UnixSocketConnector(), _server.Path, TimeProvider.System, Timeout, Token);
        await Eventually.WaitUntilAsync(() => _server.Connections == 1);
        await _server.SendRawAsync("ENTER PASSWORD:");

        var error = await Assert.ThrowsAsync<IOException>(() => connecting);

        Assert.Contains("asks for a password", error.Message, StringComparison.Ordinal);
        Assert.Contains(_server.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Updown_blocks_arrive_as_one_event()
    {
        await using var client = await ConnectAsync();
        await _server.SendAsync(FakeManagementServer.ConnectSequence);

        var events = new List<ManagementEvent>();
        while (events.Count < 6)
        {
            events.Add(await client.Events.ReadAsync(Token));
        }

        var up = Assert.IsType<UpDownEvent>(events[4]);
        Assert.Equal("10.8.0.1", up.Environment["route_vpn_gateway"]);
        Assert.True(Assert.IsType<StateEvent>(events[5]).Entry.IsConnectedSuccessfully);
    }

    [Fact]
    public async Task A_command_with_a_line_break_at_the_end_is_refused()
    {
        await using var client = await ConnectAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync("pid\n", Token));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync("pid\r", Token));
    }

    private Task<ManagementClient> ConnectAsync() =>
        ManagementClient.ConnectAsync(new UnixSocketConnector(), _server.Path, TimeProvider.System, Timeout, Token);

}
