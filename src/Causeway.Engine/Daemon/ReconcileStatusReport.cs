using System.Collections.Immutable;

namespace Causeway.Engine.Daemon;

/// <summary>The reconcile loop: is the host as planned, and how often has it been repaired.</summary>
/// <param name="Repairs">Reconciles that found drift made by someone else (not a tunnel or overlay change).</param>
/// <param name="LastChanges">Descriptions of the last non-empty plan applied.</param>
public sealed record ReconcileStatusReport(
    bool Converged,
    DateTimeOffset? LastRun,
    int Runs,
    int Repairs,
    int ChangesApplied,
    string? LastError,
    ImmutableArray<string> LastChanges);
