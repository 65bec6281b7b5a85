namespace Causeway.Core.Boot;

/// <summary>
/// The egress as saved (<see cref="Planning.Egress"/>): never usable at boot, and without the tunnel's address (the
/// provider gives a new one).
/// </summary>
/// <param name="Gateway">The overlay gateway (Dinosaur's VM); null for the provider tunnel.</param>
public sealed record SavedEgress(string Device, string? Gateway, int? Mtu);
