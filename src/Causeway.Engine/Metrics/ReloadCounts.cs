namespace Causeway.Engine.Metrics;

/// <summary>The config reloads (SIGHUP) since this `up` started, for `causeway_config_reloads_total`.</summary>
/// <param name="Applied">Reloads whose config was valid and applied.</param>
/// <param name="Refused">Reloads refused (a bad config: the running one stayed in force).</param>
/// <param name="LastAt">When the last reload was asked for; null before the first.</param>
/// <param name="LastApplied">Whether the last one was applied; null before the first.</param>
public sealed record ReloadCounts(long Applied, long Refused, DateTimeOffset? LastAt, bool? LastApplied)
{
    public static readonly ReloadCounts None = new(0, 0, null, null);
}
