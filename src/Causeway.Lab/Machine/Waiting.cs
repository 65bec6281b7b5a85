namespace Causeway.Lab.Machine;

/// <summary>Waits for a condition (a status, a counter, a file) with a timeout: never a fixed sleep.</summary>
public static class Waiting
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls until the condition holds; returns how long it took, throws <see cref="TimeoutException"/> naming it.</summary>
    public static async Task<TimeSpan> UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, string what, TimeProvider time, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            if (await condition(ct))
            {
                return time.GetElapsedTime(started);
            }

            if (time.GetElapsedTime(started) >= timeout)
            {
                throw new TimeoutException($"waiting for {what}: not within {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(PollInterval, time, ct);
        }
    }

    public static Task<TimeSpan> UntilAsync(Func<bool> condition, TimeSpan timeout, string what, TimeProvider time, CancellationToken ct) =>
        UntilAsync(_ => Task.FromResult(condition()), timeout, what, time, ct);

    /// <summary>Like <see cref="UntilAsync(Func{CancellationToken, Task{bool}}, TimeSpan, string, TimeProvider, CancellationToken)"/>, but returns null instead of throwing.</summary>
    public static async Task<TimeSpan?> TryUntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        try
        {
            return await UntilAsync(condition, timeout, "condition", time, ct);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}
