namespace Causeway.Core.Planning;

/// <summary>What a change does to the host object it is about.</summary>
public enum HostChangeKind
{
    Add,
    Change,
    Remove,
}
