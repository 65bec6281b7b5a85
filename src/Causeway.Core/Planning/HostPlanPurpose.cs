namespace Causeway.Core.Planning;

/// <summary>
/// Why a plan was made: to bring the host to the desired state (`up`), to remove Causeway (`down`), or to put the
/// last applied kill switch on a host that has just booted (`boot`, <see cref="Boot.BootPlan"/>).
/// </summary>
public enum HostPlanPurpose
{
    Converge,
    Teardown,
    Boot,
}
