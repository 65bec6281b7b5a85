namespace Causeway.Core.Planning;

/// <summary>Put a kernel setting back to its recorded original, then forget the record.</summary>
public sealed record SysctlRestore(string Name, string Value) : HostOperation
{
    public override string ToString() => $"sysctl {Name}={Value} (restore)";
}
