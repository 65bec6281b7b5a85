namespace Causeway.Core.Planning;

/// <summary>Why a plan was made: to bring the host to the desired state (`up`), or to remove Causeway (`down`).</summary>
public enum HostPlanPurpose
{
    Converge,
    Teardown,
}
