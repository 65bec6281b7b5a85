using System.Net;
using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;
using Causeway.Lab.Machine;
using Causeway.Lab.Worlds;

namespace Causeway.Lab.Bench;

/// <summary>iperf3 in a world: its server in the internet namespace, its client in any node; one set of settings for every benchmark.</summary>
internal static class Iperf
{
    public const int Port = 5201;

    /// <summary>iperf3 -O: the first second (slow start, first ARP and conntrack entries) is left out of every run.</summary>
    public const int WarmupSeconds = 1;

    /// <summary>`iperf3 -s` in the internet router, killed with this process.</summary>
    public static IRunningProcess StartServer(RunningWorld w) => StartServer(w, BackboneTopology.Internet);

    /// <summary>`iperf3 -s` in <paramref name="node"/>, killed with this process.</summary>
    public static IRunningProcess StartServer(RunningWorld w, string node) =>
        w.Environment.Launcher.Start(new ProcessSpec("ip", ["netns", "exec", w.Ns(node), "iperf3", "-s", "-p", Port.ToString()], DieWithParent: true));

    /// <summary>Waits until the internet's server listens, asked from the gateway over its uplink.</summary>
    public static Task<TimeSpan> WaitServerAsync(RunningWorld w, CancellationToken ct) =>
        WaitServerAsync(w, w.GatewayNode, BackboneTopology.InternetGatewaySide, ct);

    /// <summary>Waits until a server listens on <paramref name="address"/>, asked from <paramref name="from"/>.</summary>
    public static Task<TimeSpan> WaitServerAsync(RunningWorld w, string from, IPAddress address, CancellationToken ct) =>
        Waiting.UntilAsync(
            token => w.CanConnectAsync(from, new IPEndPoint(address, Port), token),
            TimeSpan.FromSeconds(10), $"iperf3 to listen on {address}", w.Time, ct);

    /// <summary>One `iperf3 -J` from <paramref name="node"/> to <paramref name="target"/>: upload, or download (-R).</summary>
    public static Task<IperfRun> ExecAsync(RunningWorld w, string node, IPAddress target, int seconds, bool download, CancellationToken ct) =>
        ExecAsync(w, node, target, ["-t", seconds.ToString(), "-O", WarmupSeconds.ToString()], TimeSpan.FromSeconds(seconds + WarmupSeconds + 30), download, ct);

    /// <summary>
    /// One `iperf3 -J -n BYTES`: the sender writes that many bytes within <paramref name="timeout"/>; what arrived is
    /// <see cref="IperfRun.BytesReceived"/> (the test ends when the last byte is written, not when it arrives).
    /// </summary>
    public static Task<IperfRun> TransferAsync(RunningWorld w, string node, IPAddress target, long bytes, TimeSpan timeout, bool download, CancellationToken ct) =>
        ExecAsync(w, node, target, ["-n", bytes.ToString()], timeout, download, ct);

    private static async Task<IperfRun> ExecAsync(RunningWorld w, string node, IPAddress target, IReadOnlyList<string> amount, TimeSpan timeout, bool download, CancellationToken ct)
    {
        string[] arguments = ["-c", target.ToString(), "-p", Port.ToString(), .. amount, "-J", .. download ? new[] { "-R" } : []];
        for (var attempt = 1; ; attempt++)
        {
            var run = IperfJson.Parse((await w.Net.TryExecAsync(w.Ns(node), "iperf3", arguments, ct, timeout)).StandardOutput);

            // iperf3's server takes a moment after a test before it accepts the next one ("the server is busy").
            if (run.Error?.Contains("busy", StringComparison.Ordinal) != true || attempt == 10)
            {
                return run;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300), w.Time, ct);
        }
    }

    /// <summary>One run as a result row, reported as it ends.</summary>
    public static async Task<ThroughputResult> RunAsync(RunningWorld w, string path, int round, string node, IPAddress target, int seconds, bool download, CancellationToken ct)
    {
        var iperf = await ExecAsync(w, node, target, seconds, download, ct);
        var result = new ThroughputResult(path, download ? BenchPaths.Download : BenchPaths.Upload, round, node, target.ToString(), Math.Round(iperf.MegabitsPerSecond, 1), iperf.Retransmits, iperf.MssBytes, iperf.Congestion, LoadAverage.Read(w.Files).One, null, iperf.Error);
        w.Progress($"bench: {path} {result.Direction} ({node} -> {target}): {(iperf.Error is null ? $"{result.MegabitsPerSecond} Mbit/s, {iperf.Retransmits} retransmits" : iperf.Error)}");
        return result;
    }
}
