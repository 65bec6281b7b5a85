namespace Causeway.Engine.Daemon;

/// <summary>The body of a control API answer that is not a success: what went wrong, to show as it is.</summary>
public sealed record ControlError(string Error);
