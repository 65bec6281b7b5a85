namespace Causeway.Core.Doctor;

/// <summary>A moment the clock cannot be before: when this binary was built, when a certificate became valid.</summary>
/// <param name="What">e.g. "this causeway's build date", "the access CA's validity start".</param>
public sealed record ClockFloor(string What, DateTimeOffset NotBefore);
