namespace Causeway.Core.Planning;

/// <summary>A kernel setting Causeway changed: what it was before, and what Causeway set.</summary>
/// <param name="Original">The value before Causeway first changed it; `down` puts this back.</param>
/// <param name="Ours">What Causeway set; `down` restores only while the setting still holds this.</param>
public sealed record RecordedSysctl(string Name, string Original, string Ours);
