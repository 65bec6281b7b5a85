using Causeway.Core.Planning;

namespace Causeway.Engine.HostState;

/// <summary>
/// A change of a plan failed. The changes before it were applied, the rest were not; because plans are
/// ordered to keep the host fail-closed after every prefix, the host is still closed.
/// </summary>
public sealed class HostApplyException(HostChange change, int index, int count, Exception inner)
    : Exception($"{inner.Message} (change {index + 1} of {count}; the ones before it were applied, the rest were not)", inner)
{
    public HostChange Change { get; } = change;

    /// <summary>Zero-based position of the failed change in the plan.</summary>
    public int Index { get; } = index;
}
