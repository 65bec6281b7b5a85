using System.Net;

namespace Causeway.Lab.Duo;

/// <summary>
/// One phone probing one target again and again (a TCP echo, one at a time) until stopped, each probe recorded with
/// when it started and ended, relative to a common start: what says how long a path was out, and when it came back.
/// </summary>
internal sealed class ProbeSeries
{
    private readonly List<(TimeSpan Started, TimeSpan Ended, bool Answered)> _probes = [];

    private ProbeSeries(string phone, IPEndPoint target)
    {
        Phone = phone;
        Target = target;
    }

    public string Phone { get; }

    public IPEndPoint Target { get; }

    /// <summary>Completes once stopped.</summary>
    public Task Done { get; private set; } = Task.CompletedTask;

    /// <param name="probe">One probe: true when it was answered as it should be.</param>
    /// <param name="pause">Between two probes.</param>
    public static ProbeSeries Start(
        string phone, IPEndPoint target, Func<CancellationToken, Task<bool>> probe, TimeSpan pause, TimeProvider time, long start, CancellationToken stop)
    {
        var series = new ProbeSeries(phone, target);
        series.Done = series.RunAsync(probe, pause, time, start, stop);
        return series;
    }

    /// <summary>
    /// When the path worked again after <paramref name="after"/>: the end of the first answered probe after the first
    /// unanswered one that started after it (or of the first answered one, if none failed); null if it never did.
    /// </summary>
    public TimeSpan? AnsweredAfter(TimeSpan after)
    {
        var probes = Snapshot().Where(p => p.Started >= after).ToList();
        var outage = probes.FindIndex(p => !p.Answered);
        var from = outage < 0 ? 0 : outage;
        var back = probes.Skip(from).FirstOrDefault(p => p.Answered);
        return back.Answered ? back.Ended : null;
    }

    /// <summary>
    /// The longest time without an answer from the last answer before <paramref name="after"/> (or <paramref name="after"/>
    /// itself) to the last probe: the whole span if nothing was answered since.
    /// </summary>
    public TimeSpan LongestGap(TimeSpan after)
    {
        var probes = Snapshot();
        if (probes.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var last = probes.LastOrDefault(p => p.Answered && p.Ended < after) is { Answered: true } before ? before.Ended : after;
        var longest = TimeSpan.Zero;
        foreach (var probe in probes.Where(p => p.Answered && p.Ended >= after))
        {
            longest = probe.Ended - last > longest ? probe.Ended - last : longest;
            last = probe.Ended;
        }

        var end = probes[^1].Ended;
        return end - last > longest ? end - last : longest;
    }

    public string Summary
    {
        get
        {
            var probes = Snapshot();
            return $"{probes.Count(p => p.Answered)} of {probes.Count} probes to {Target} answered";
        }
    }

    private List<(TimeSpan Started, TimeSpan Ended, bool Answered)> Snapshot()
    {
        lock (_probes)
        {
            return [.. _probes];
        }
    }

    private async Task RunAsync(Func<CancellationToken, Task<bool>> probe, TimeSpan pause, TimeProvider time, long start, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var started = time.GetElapsedTime(start);
                var answered = await probe(stop);
                lock (_probes)
                {
                    _probes.Add((started, time.GetElapsedTime(start), answered));
                }

                await Task.Delay(pause, time, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
