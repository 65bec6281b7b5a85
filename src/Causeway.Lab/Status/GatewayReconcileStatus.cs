namespace Causeway.Lab.Status;

/// <summary>`reconcile` in `causeway status --json`.</summary>
public sealed record GatewayReconcileStatus(bool Converged, int? Repairs, string? LastError);
