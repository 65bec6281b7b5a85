using Causeway.Engine.Seams;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Platform;

/// <summary>The notify protocol's client on a real socket, both kinds of address systemd hands out.</summary>
public sealed class SystemdNotifySocketTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_message_arrives_whole_at_a_socket_path()
    {
        using var directory = new TempDirectory();
        using var listener = NotifySocketListener.Bind(directory.File("notify"));
        using var socket = new SystemdNotifySocket(listener.Address, null);

        Assert.True(socket.Notify("READY=1\nSTATUS=kill switch in place", out var error), error);

        await listener.WaitForAsync(a => a.StartsWith("STATUS=", StringComparison.Ordinal), 0, Wait, "STATUS");
        Assert.Equal(["READY=1\nSTATUS=kill switch in place"], listener.Messages);
    }

    [Fact]
    public async Task An_address_starting_with_at_is_in_the_abstract_namespace()
    {
        var address = $"@causeway-test-{Guid.NewGuid():N}";
        using var listener = NotifySocketListener.Bind(address);
        using var socket = new SystemdNotifySocket(address, null);

        Assert.True(socket.Notify("WATCHDOG=1", out var error), error);
        Assert.True(socket.Notify("STOPPING=1", out error), error);

        await listener.WaitForAsync(a => a == "STOPPING=1", 0, Wait, "STOPPING=1");
        Assert.Equal(["WATCHDOG=1", "STOPPING=1"], listener.Messages);
    }

    [Fact]
    public void A_socket_nobody_listens_on_or_a_bad_address_is_a_failure_with_the_reason_never_an_exception()
    {
        using var directory = new TempDirectory();
        using var missing = new SystemdNotifySocket(directory.File("nobody"), null);
        using var relative = new SystemdNotifySocket("notify", null);

        Assert.False(missing.Notify("READY=1", out var error));
        Assert.Contains($"NOTIFY_SOCKET={directory.File("nobody")}", error, StringComparison.Ordinal);
        Assert.False(relative.Notify("READY=1", out error));
        Assert.Contains("neither an absolute path nor an abstract address", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30000000", null, 30.0)]
    [InlineData("30000000", "4242", 30.0)]
    [InlineData("30000000", "4243", null)]
    [InlineData("0", null, null)]
    [InlineData("soon", null, null)]
    [InlineData(null, null, null)]
    public void The_watchdog_is_this_process_only_when_WATCHDOG_PID_says_so_or_nothing(string? microseconds, string? pid, double? seconds)
    {
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, SystemdNotifySocket.Watchdog(microseconds, pid, 4242));
    }

    [Fact]
    public void The_variables_are_taken_out_of_the_environment_so_that_no_child_speaks_for_the_service()
    {
        Environment.SetEnvironmentVariable(SystemdNotifySocket.SocketVariable, "@causeway-env-test");
        Environment.SetEnvironmentVariable(SystemdNotifySocket.WatchdogTimeoutVariable, "20000000");
        Environment.SetEnvironmentVariable(SystemdNotifySocket.WatchdogProcessVariable, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var manager = SystemdNotifySocket.FromEnvironment(Environment.ProcessId);

        var socket = Assert.IsType<SystemdNotifySocket>(manager);
        Assert.Equal(("@causeway-env-test", TimeSpan.FromSeconds(20)), (socket.Address, socket.WatchdogTimeout));
        Assert.Null(Environment.GetEnvironmentVariable(SystemdNotifySocket.SocketVariable));
        Assert.Null(Environment.GetEnvironmentVariable(SystemdNotifySocket.WatchdogTimeoutVariable));
        Assert.Null(Environment.GetEnvironmentVariable(SystemdNotifySocket.WatchdogProcessVariable));
        Assert.Same(NoServiceManager.Instance, SystemdNotifySocket.FromEnvironment(Environment.ProcessId));
        socket.Dispose();
    }
}
