namespace Causeway.Core.Planning;

/// <summary>Set a kernel setting; its value before is recorded in the state file first.</summary>
public sealed record SysctlWrite(string Name, string Value) : HostOperation
{
    public override string ToString() => $"sysctl {Name}={Value}";
}
