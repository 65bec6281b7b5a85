namespace Causeway.Core.Planning;

/// <summary>The kinds of host objects Causeway owns.</summary>
public enum HostObjectKind
{
    NftTable,
    Route,
    Rule,
    Sysctl,
}
