namespace Causeway.Core.Planning;

/// <summary>The concrete operation of a change, carried out by the engine's applier.</summary>
public abstract record HostOperation;
