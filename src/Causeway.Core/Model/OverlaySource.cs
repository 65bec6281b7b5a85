namespace Causeway.Core.Model;

/// <summary>Where the overlay's interface, addresses and subnets come from.</summary>
public abstract record OverlaySource;
