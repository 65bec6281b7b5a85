namespace Causeway.Lab.Status;

/// <summary>A namespace of the world: whether it exists and its interfaces' addresses.</summary>
public sealed record NamespaceStatus(string Node, string Name, bool Exists, IReadOnlyList<InterfaceAddresses> Interfaces);
