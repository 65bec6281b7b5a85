namespace Causeway.Core.Boot;

/// <summary>The names the saved kill switch is made of (<see cref="Planning.OwnedNames"/>): whose table, rules and routes.</summary>
public sealed record SavedInstanceNames(string Name, string NftTable, int RouteTable, int RulePriority);
