using System.Net;
using Causeway.Engine.Seams;
using Causeway.Lab.Machine;
using Causeway.Lab.Uno;
using Causeway.Lab.Worlds;

namespace Causeway.Lab.Bench;

/// <summary>iperf3 in a world: its server in the internet namespace, its client in any node.</summary>
internal static class Iperf
{
    public const int Port = 5201;

    /// <summary>`iperf3 -s` in the internet router, killed with this process.</summary>
    public static IRunningProcess StartServer(RunningWorld w) =>
        w.Environment.Launcher.Start(new ProcessSpec("ip", ["netns", "exec", w.Ns(UnoTopology.Internet), "iperf3", "-s", "-p", Port.ToString()], DieWithParent: true));

    /// <summary>Waits until the server listens, asked from the gateway over its uplink.</summary>
    public static Task<TimeSpan> WaitServerAsync(RunningWorld w, CancellationToken ct) =>
        Waiting.UntilAsync(
            token => w.CanConnectAsync(w.GatewayNode, new IPEndPoint(UnoTopology.InternetGatewaySide, Port), token),
            TimeSpan.FromSeconds(10), "iperf3 to listen in the internet namespace", w.Time, ct);

    /// <summary>One run from <paramref name="node"/> to <paramref name="target"/>: upload, or download (-R).</summary>
    public static async Task<ThroughputResult> RunAsync(RunningWorld w, string path, string node, IPAddress target, int seconds, bool download, CancellationToken ct)
    {
        string[] arguments = ["-c", target.ToString(), "-p", Port.ToString(), "-t", seconds.ToString(), "-J", .. download ? new[] { "-R" } : []];
        var run = await w.Net.TryExecAsync(w.Ns(node), "iperf3", arguments, ct, TimeSpan.FromSeconds(seconds + 30));
        var (mbps, retransmits, error) = IperfJson.Parse(run.StandardOutput);
        var result = new ThroughputResult(path, download ? "download" : "upload", node, target.ToString(), Math.Round(mbps, 1), retransmits, error);
        w.Progress($"bench: {path} {result.Direction} ({node} -> {target}): {(error is null ? $"{result.MegabitsPerSecond} Mbit/s, {retransmits} retransmits" : error)}");
        return result;
    }
}
