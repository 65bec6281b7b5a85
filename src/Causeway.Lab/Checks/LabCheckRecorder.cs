namespace Causeway.Lab.Checks;

/// <summary>
/// What a world's checks found, as they run: one result per named check (a check that threw fails with its error),
/// each said as it ends, and the report in the world's fixed order, where a check that never ran says so.
/// </summary>
internal sealed class LabCheckRecorder(Action<string> progress)
{
    private readonly Dictionary<string, LabCheckResult> _results = new(StringComparer.Ordinal);
    private readonly List<LabCheckResult> _extra = [];

    /// <summary>Runs one check and records it; only the caller's own cancellation stops the run.</summary>
    public async Task RunAsync(string name, Func<CancellationToken, Task<LabCheckResult>> check, CancellationToken ct)
    {
        progress($"check: {name}...");
        LabCheckResult result;
        try
        {
            result = await check(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            result = new LabCheckResult(name, false, $"error: {e.Message}");
        }

        Record(result);
    }

    /// <summary>Records a result made outside <see cref="RunAsync"/> (a check measured across several steps).</summary>
    public void Record(LabCheckResult result)
    {
        _results[result.Name] = result;
        progress($"  {(result.Passed ? "PASS" : "FAIL")} {result.Name}: {result.Detail}");
    }

    /// <summary>A result that is no check of the world's list (e.g. the world could not be put back), reported last.</summary>
    public void AddExtra(LabCheckResult result) => _extra.Add(result);

    /// <param name="names">The world's checks, in the order the report lists them.</param>
    /// <param name="notReady">Why the world was not ready when the checks began, added to every failure; null if it was.</param>
    public LabCheckReport Report(string world, IEnumerable<string> names, string? notReady) =>
        new(world, names
            .Select(name => _results.TryGetValue(name, out var result)
                ? result
                : new LabCheckResult(name, false, "not run: an earlier step failed (see the other checks)"))
            .Select(result => notReady is null || result.Passed ? result : result with { Detail = $"{result.Detail} ({notReady})" })
            .Concat(_extra)
            .ToList());
}
