namespace Causeway.Lab.Uno;

/// <summary>
/// The gateway's host state (ip rules, routes, nft, sysctls) as Causeway's planner sees it, captured inside the
/// gateway's namespace by `causeway lab snapshot` (sysctls under /proc/sys belong to the reader's namespace, so
/// the capture must run there).
/// </summary>
internal static class GatewaySnapshot
{
    /// <summary>Captures into <paramref name="path"/>; returns the path, or null if this binary cannot capture.</summary>
    public static async Task<string?> CaptureAsync(UnoWorld w, string path, CancellationToken ct)
    {
        var result = await w.CausewayAsync(UnoTopology.Gateway, ["lab", "snapshot", "--out", path], ct);
        if (!result.Succeeded)
        {
            w.Progress($"gateway: no host snapshot ({result.StandardError.Trim()})");
            return null;
        }

        return path;
    }

    /// <summary>
    /// Captures the host again and compares it with the snapshot from before `causeway up`: one line per
    /// difference, or none. A missing snapshot is itself a finding (nothing could be proven).
    /// </summary>
    public static async Task<IReadOnlyList<string>> CompareWithBeforeUpAsync(UnoWorld w, CancellationToken ct)
    {
        if (w.State.SnapshotBeforeUpPath is not { } before)
        {
            return ["no host snapshot was taken before `causeway up`, so equality cannot be shown"];
        }

        var after = await CaptureAsync(w, w.Layout.SnapshotAfterDown, ct);
        if (after is null)
        {
            return ["the host snapshot after `causeway down` failed"];
        }

        var result = await w.CausewayAsync(UnoTopology.Gateway, ["lab", "snapshot", "--compare", before, after], ct);
        return result.Succeeded
            ? []
            : [.. (result.StandardOutput + result.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
