namespace Causeway.Engine.Daemon;

/// <summary>The config reloads (SIGHUP, `systemctl reload`) since this `up` started, and how the last one went.</summary>
/// <param name="Count">Reloads asked for and carried out to a result (applied, unchanged or refused).</param>
/// <param name="Failed">Of them, those refused: a bad config, or a change that needs a restart.</param>
/// <param name="LastAt">When the last one ended; null before the first.</param>
/// <param name="LastResult">"ok" (applied, or nothing to change) or "failed"; null before the first.</param>
/// <param name="LastError">Why the last one was refused; null when it was not.</param>
public sealed record ReloadStatusReport(int Count, int Failed, DateTimeOffset? LastAt, string? LastResult, string? LastError)
{
    public const string Ok = "ok";
    public const string Refused = "failed";

    public static readonly ReloadStatusReport None = new(0, 0, null, null, null);

    public ReloadStatusReport Succeeded(DateTimeOffset at) => new(Count + 1, Failed, at, Ok, null);

    public ReloadStatusReport Refusing(DateTimeOffset at, string error) => new(Count + 1, Failed + 1, at, Refused, error);
}
