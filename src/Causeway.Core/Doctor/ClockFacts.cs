using System.Collections.Immutable;

namespace Causeway.Core.Doctor;

/// <param name="Now">This host's clock.</param>
/// <param name="Floors">Moments the clock must be past.</param>
/// <param name="Unread">What could not be read to find more floors (e.g. the access CA without root).</param>
public sealed record ClockFacts(DateTimeOffset Now, ImmutableArray<ClockFloor> Floors, ImmutableArray<string> Unread);
