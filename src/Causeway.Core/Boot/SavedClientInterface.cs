using System.Collections.Immutable;

namespace Causeway.Core.Boot;

/// <summary>A client interface as saved (<see cref="Planning.ClientInterface"/>): its device may not exist at boot.</summary>
/// <param name="Subnets">Networks, "10.222.0.0/24".</param>
/// <param name="Addresses">This host's addresses on the device, "10.222.0.1".</param>
public sealed record SavedClientInterface(string Device, ImmutableArray<string> Subnets, ImmutableArray<string> Addresses, int? Mtu);
