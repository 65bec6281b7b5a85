using Causeway.Core.Planning;

namespace Causeway.Engine.Boot;

/// <summary>What `causeway boot` did.</summary>
/// <param name="Path">The saved kill switch it looked for.</param>
/// <param name="Plan">What it applied; null when nothing was saved (then it changed nothing).</param>
/// <param name="AlreadyPresent">Rules that were there already (the boot step run twice): left as they were.</param>
public sealed record BootStepResult(string Path, HostPlan? Plan, int AlreadyPresent)
{
    public bool NothingSaved => Plan is null;
}
