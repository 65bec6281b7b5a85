using System.Collections.Immutable;

namespace Causeway.Core.Boot;

/// <summary>The access servers as saved (<see cref="Planning.AccessInputs"/>): their devices do not exist at boot.</summary>
public sealed record SavedAccess(
    ImmutableArray<SavedClientInterface> Devices,
    string Pool,
    bool ToEgress,
    bool ToClients,
    bool MasqueradeToClients,
    bool AmongThemselves,
    ImmutableArray<string> ClampedDevices,
    int ClampedMss,
    ImmutableArray<string> ServerAddresses);
