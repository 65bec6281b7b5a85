namespace Causeway.Lab.Status;

/// <summary>An interface, its state (UP, DOWN, UNKNOWN) and its addresses in CIDR form (link-local ones left out).</summary>
public sealed record InterfaceAddresses(string Name, string State, IReadOnlyList<string> Addresses);
