using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Causeway.TestKit;

/// <summary>
/// A TimeProvider over a FakeTimeProvider that reports every timer created on it, so that a test can advance
/// the fake clock exactly when the code under test waits, and by exactly as much (no sleeps, no guessing).
/// </summary>
public sealed class TimerDrivenClock(FakeTimeProvider fake) : TimeProvider
{
    /// <summary>The instant tests start their clocks at unless a capture says otherwise (certificates are made "now").</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public TimerDrivenClock()
        : this(new FakeTimeProvider(Now))
    {
    }

    public FakeTimeProvider Fake { get; } = fake;

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits (real clock, bounded) until the code under test creates a timer; returns its due time, without advancing.</summary>
    public async Task<TimeSpan> NextTimerAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        return await _timers.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>
    /// Waits (real clock, bounded) until the code under test creates a timer due in exactly <paramref name="due"/>,
    /// passing over the timers created before it; without advancing. Short of that due time, whatever waits on the
    /// timer cannot have happened: a test proves "not yet" by this, not by sleeping.
    /// </summary>
    public async Task WaitForTimerAsync(TimeSpan due, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (await _timers.Reader.ReadAsync(timeout.Token) != due)
        {
        }
    }

    /// <summary>Runs <paramref name="task"/> to its end, advancing the fake clock to each timer it waits on.</summary>
    public async Task<T> DriveAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        Task<TimeSpan>? nextTimer = null;
        while (true)
        {
            nextTimer ??= _timers.Reader.ReadAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(task, nextTimer) == task)
            {
                return await task;
            }

            Fake.Advance(await nextTimer);
            nextTimer = null;
        }
    }
}
