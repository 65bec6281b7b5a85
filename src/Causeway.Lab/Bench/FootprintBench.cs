using System.Globalization;
using Causeway.Lab.Duo;
using Causeway.Lab.Worlds;

namespace Causeway.Lab.Bench;

/// <summary>
/// `causeway-lab bench WORLD --footprint`: the world's `causeway up`, idle, sampled once a second over a window:
/// resident memory, CPU (its own and that of the commands it runs), and `causeway status` from start to exit. In
/// Duo, first as the world is and then with more access clients connected (stock OpenVPN clients in the open
/// network's phone, each on a profile of its own). Reports, never gates.
/// </summary>
internal sealed class FootprintBench(RunningWorld w)
{
    public const double RssGoalMegabytes = 30;
    public const double CpuGoalPercent = 0.3;
    public const double StatusGoalMilliseconds = 50;
    private const int StatusRuns = 20;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(120);

    public async Task<FootprintReport> RunAsync(int seconds, int clients, CancellationToken ct)
    {
        var started = w.Time.GetUtcNow();
        await w.WaitGatewayReadyAsync(TimeSpan.FromSeconds(60), ct);
        var version = (await w.GatewayCommandAsync(["--version"], ct)).StandardOutput.Trim();
        var results = new List<FootprintResult> { await MeasureAsync(w.World.Name, 0, seconds, ct) };
        if (w is DuoWorld duo && clients > 0)
        {
            var bench = new BenchClients(duo);
            try
            {
                var connected = await bench.ConnectAsync(clients, ConnectTimeout, ct);
                results.Add(await MeasureAsync($"{w.World.Name}, {connected} clients", connected, seconds, ct));
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                w.Progress($"bench: {clients} clients: {e.Message}");
                results.Add(new FootprintResult($"{w.World.Name}, {clients} clients", 0, 0, 0, 0, 0, 0, 0, 0, e.Message));
            }
            finally
            {
                await bench.StopAsync(CancellationToken.None);
            }
        }

        return new FootprintReport(w.World.Name, started, version, results, RssGoalMegabytes, CpuGoalPercent, StatusGoalMilliseconds);
    }

    private async Task<FootprintResult> MeasureAsync(string scenario, int clients, int seconds, CancellationToken ct)
    {
        var pid = w.State.Process(w.GatewayProcess)?.Pid
            ?? throw new InvalidOperationException($"no `causeway up` recorded for {w.GatewayNode}: build the world with it running");

        // Settle: what the last change (clients connecting, the world's checks) set off is not the idle state.
        await Task.Delay(TimeSpan.FromSeconds(5), w.Time, ct);
        var samples = new List<double>();
        var ticksBefore = CpuTicks.Read(w.Files, pid, withChildren: true);
        var startedAt = w.Time.GetTimestamp();
        for (var second = 0; second < seconds; second++)
        {
            if (ProcessMemory.Read(w.Files, pid) is { } memory)
            {
                samples.Add(memory.RssKilobytes / 1024.0);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), w.Time, ct);
        }

        var wall = w.Time.GetElapsedTime(startedAt).TotalSeconds;
        var ticksAfter = CpuTicks.Read(w.Files, pid, withChildren: true);
        var peak = ProcessMemory.Read(w.Files, pid);
        if (ticksBefore is null || ticksAfter is null || peak is null || samples.Count == 0)
        {
            return new FootprintResult(scenario, clients, wall, 0, 0, 0, 0, 0, 0, $"`causeway up` (pid {pid}) went away during the window");
        }

        var cpu = (ticksAfter.Value - ticksBefore.Value) / CpuTicks.PerSecond / wall * 100;
        var status = await StatusTimesAsync(ct);
        var result = new FootprintResult(
            scenario,
            clients,
            Math.Round(wall, 1),
            Math.Round(BenchStatistics.Median(samples)!.Value, 1),
            Math.Round(samples.Max(), 1),
            Math.Round(peak.PeakRssKilobytes / 1024.0, 1),
            Math.Round(cpu, 2),
            Math.Round(BenchStatistics.Median(status) ?? 0, 1),
            Math.Round(status.DefaultIfEmpty(0).Max(), 1),
            null);
        w.Progress(string.Create(CultureInfo.InvariantCulture, $"bench: {scenario}: RSS {result.RssMegabytes} MB (peak {result.PeakRssMegabytes}), CPU {result.CpuPercent} % of a core over {result.Seconds} s, `causeway status` {result.StatusMilliseconds} ms"));
        return result;
    }

    /// <summary>`causeway status` in the gateway's namespace, start to exit (the `ip netns exec` around it included).</summary>
    private async Task<List<double>> StatusTimesAsync(CancellationToken ct)
    {
        var times = new List<double>();
        for (var i = 0; i < StatusRuns; i++)
        {
            var started = w.Time.GetTimestamp();
            var result = await w.GatewayCommandAsync(["status", "-c", w.GatewayConfigPath], ct);
            if (result.Succeeded)
            {
                times.Add(w.Time.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return times;
    }
}
