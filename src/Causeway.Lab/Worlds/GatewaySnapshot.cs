using System.Text.Json;
using Causeway.Lab.Json;
using Causeway.Lab.Machine;

namespace Causeway.Lab.Worlds;

/// <summary>
/// The gateway's host state (ip rules, routes of every table, the nft ruleset, forwarding and rp_filter sysctls)
/// as Causeway's own <see cref="HostSnapshot"/> sees it, taken inside the gateway's namespace. The one from before
/// `causeway up` is kept in the world's directory; `down-leaves-no-residue` compares the host with it.
/// </summary>
internal static class GatewaySnapshot
{
    public static Task<HostSnapshot> CaptureAsync(RunningWorld w, CancellationToken ct) =>
        HostSnapshot.CaptureAsync(new NetnsCommandRunner(w.Environment.Runner, w.Ns(w.GatewayNode)), ct);

    /// <summary>Captures the gateway now and saves it to <paramref name="path"/>; returns the path.</summary>
    public static async Task<string> SaveAsync(RunningWorld w, string path, CancellationToken ct)
    {
        var snapshot = await CaptureAsync(w, ct);
        w.Files.WriteAllTextAtomic(path, JsonSerializer.Serialize(snapshot, LabJsonContext.Default.HostSnapshot), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    /// <summary>
    /// Captures the host again and compares it with the snapshot from before `causeway up`: one line per
    /// difference ("- [section] line" gone, "+ [section] line" new), or none. A missing snapshot is itself a
    /// finding, since then nothing could be shown.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CompareWithBeforeUpAsync(RunningWorld w, CancellationToken ct)
    {
        if (w.HostSnapshotBeforeUpPath is not { } path || !w.Files.Stat(path).Exists)
        {
            return ["no host snapshot was taken before `causeway up`, so equality cannot be shown"];
        }

        var before = JsonSerializer.Deserialize(w.Files.ReadAllText(path), LabJsonContext.Default.HostSnapshot)
            ?? throw new InvalidOperationException($"{path} holds no snapshot");
        var after = await SaveAsync(w, w.Layout.SnapshotAfterDown, ct);
        var now = JsonSerializer.Deserialize(w.Files.ReadAllText(after), LabJsonContext.Default.HostSnapshot)!;
        return before.DifferencesTo(now);
    }
}
