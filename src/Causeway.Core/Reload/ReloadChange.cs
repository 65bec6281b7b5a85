namespace Causeway.Core.Reload;

/// <summary>One key that differs between the running config and the one read again.</summary>
/// <param name="Before">Its value in the running config; null when it did not apply there (or is not a value: a file's content).</param>
/// <param name="After">Its value in the new one; null when it does not apply any more (or is not a value).</param>
public sealed record ReloadChange(string Key, string? Before, string? After, ReloadEffect Effect)
{
    /// <summary>For the log, e.g. `egress.fallback_dns 9.9.9.9 → 1.1.1.1`.</summary>
    public override string ToString() =>
        Before is null && After is null ? Key : $"{Key} {Before ?? "(none)"} → {After ?? "(none)"}";
}
