using System.Collections.Immutable;

namespace Causeway.Engine.Daemon;

/// <summary>
/// [access] cannot work with the host as it is (found by `up` before it changed anything, e.g. the pool overlaps
/// the subnets ZeroTier gave the overlay). Like a bad config: `up` exits with 2, and nothing was changed.
/// </summary>
public sealed class AccessInputException : Exception
{
    public AccessInputException(ImmutableArray<string> problems)
        : base(string.Join("; ", problems))
    {
        Problems = problems;
    }

    /// <summary>Each problem as a sentence that says what to change.</summary>
    public ImmutableArray<string> Problems { get; }
}
