using System.Collections.Immutable;

namespace Causeway.Engine.Daemon;

/// <summary>
/// The config cannot work with the host as it is (found by `up` before it changed anything, e.g. the access pool
/// overlaps the subnets ZeroTier gave the overlay, or the overlay gateway is outside them). Like a bad config: `up`
/// exits with 2, and nothing was changed.
/// </summary>
public sealed class HostInputException : Exception
{
    public HostInputException(string section, ImmutableArray<string> problems)
        : base(string.Join("; ", problems))
    {
        Section = section;
        Problems = problems;
    }

    /// <summary>The config section the problems are about, e.g. "[access]".</summary>
    public string Section { get; }

    /// <summary>Each problem as a sentence that says what to change.</summary>
    public ImmutableArray<string> Problems { get; }
}
