namespace Causeway.Lab.ZeroTier;

/// <summary>An event due at <see cref="At"/>; <see cref="Sequence"/> keeps events due at the same time in order.</summary>
internal sealed record PendingEvent(DateTimeOffset At, long Sequence, PendingEventKind Kind);
