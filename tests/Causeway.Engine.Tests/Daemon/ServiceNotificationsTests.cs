using Causeway.Engine.Daemon;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>The daemon's side of systemd's notify protocol, alone: what is sent when, and what is not.</summary>
public sealed class ServiceNotificationsTests
{
    private readonly FakeTimeProvider _time = new(DaemonHarness.Start);
    private readonly TestLogger<ServiceNotificationsTests> _log = new();

    [Fact]
    public void Without_a_watchdog_progress_sends_only_a_changed_status()
    {
        var manager = new FakeServiceManager();
        var notifications = new ServiceNotifications(manager, _time, _log);

        notifications.Progress("a");
        notifications.Progress("a");
        notifications.Progress("b");

        Assert.Equal(["STATUS=a", "STATUS=b"], manager.Messages);
    }

    [Fact]
    public void With_a_watchdog_progress_pings_at_half_its_timeout_and_the_status_rides_along()
    {
        var manager = new FakeServiceManager(TimeSpan.FromSeconds(30));
        var notifications = new ServiceNotifications(manager, _time, _log);

        notifications.Progress("a");
        _time.Advance(TimeSpan.FromSeconds(14));
        notifications.Progress("a");
        _time.Advance(TimeSpan.FromSeconds(1));
        notifications.Progress("b");

        Assert.Equal(TimeSpan.FromSeconds(15), notifications.WatchdogPeriod);
        Assert.Equal(["WATCHDOG=1\nSTATUS=a", "WATCHDOG=1\nSTATUS=b"], manager.Messages);
    }

    [Fact]
    public void After_stopping_nothing_more_is_said()
    {
        var manager = new FakeServiceManager(TimeSpan.FromSeconds(2));
        var notifications = new ServiceNotifications(manager, _time, _log);

        notifications.Stopping("stopping");
        notifications.Progress("late");
        notifications.Ready("late");

        Assert.Equal(["STOPPING=1\nSTATUS=stopping"], manager.Messages);
    }

    [Fact]
    public void Nobody_listening_is_not_an_error_and_a_failing_socket_is_logged_once()
    {
        var quiet = new ServiceNotifications(NoServiceManager.Instance, _time, _log);
        quiet.Ready("ready");
        Assert.Empty(_log.Lines);

        var broken = new ServiceNotifications(new BrokenManager(), _time, _log);
        broken.Ready("ready");
        broken.Progress("again");

        Assert.Equal("Warning: telling the service manager: connection refused", Assert.Single(_log.Lines));
    }

    private sealed class BrokenManager : IServiceManager
    {
        public bool IsListening => true;

        public TimeSpan? WatchdogTimeout => null;

        public bool Notify(string message, out string? error)
        {
            error = "telling the service manager: connection refused";
            return false;
        }
    }
}
