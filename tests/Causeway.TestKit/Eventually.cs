using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.TestKit;

/// <summary>
/// Waiting for a condition the code under test makes true on another thread, bounded in real time (10 s) so that a
/// broken test fails with what it waited for instead of hanging. The condition is the event; the short real pause
/// between looks only yields to the code under test.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>Looks until <paramref name="condition"/> holds; fails with <paramref name="what"/> after the limit.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what = "a condition")
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// Advances <paramref name="time"/> by <paramref name="step"/> until <paramref name="condition"/> holds; fails with
    /// <paramref name="what"/> and <paramref name="describe"/> (the state worth seeing) after the limit.
    /// </summary>
    public static async Task AdvanceUntilAsync(FakeTimeProvider time, TimeSpan step, Func<bool> condition, string what, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out advancing the clock until {what}; {describe()}");
            time.Advance(step);
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
