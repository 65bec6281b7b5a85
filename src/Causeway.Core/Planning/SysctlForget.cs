namespace Causeway.Core.Planning;

/// <summary>Forget a recorded setting without touching the host (it is gone, or someone else changed it since).</summary>
public sealed record SysctlForget(string Name) : HostOperation
{
    public override string ToString() => $"forget recorded {Name}";
}
