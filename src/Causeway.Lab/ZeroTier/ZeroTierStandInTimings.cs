namespace Causeway.Lab.ZeroTier;

/// <summary>
/// How long the stand-in takes for what the real daemon takes time for (observed on zerotier-one 1.14.1; see
/// tests/Causeway.Core.Tests/Fixtures/zerotier-json/README.md). All measured on the stand-in's TimeProvider.
/// </summary>
public sealed record ZeroTierStandInTimings
{
    public static readonly ZeroTierStandInTimings Default = new();

    /// <summary>`online` is false in /status and /health for this long after start.</summary>
    public TimeSpan OnlineDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>From a join (REQUESTING_CONFIGURATION, no addresses) to the controller's answer.</summary>
    public TimeSpan ConfigurationDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>From a change on the controller (authorization, routes...) to the member seeing it.</summary>
    public TimeSpan ConfigurationPushDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// From an authorization to the member's next configuration request, which is when auto-assigned addresses
    /// appear (the pushed configuration before it is OK but has none).
    /// </summary>
    public TimeSpan AddressAssignmentDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// After a (re)start, the API answers this long before the saved networks are rejoined: meanwhile a joined
    /// network answers 404 `{}` as if never joined (about 0.1 s on zerotier-one 1.14.1, in 4 of 4 restarts).
    /// </summary>
    public TimeSpan RejoinDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A deauthorized member stays OK, with its address, this long before ACCESS_DENIED.</summary>
    public TimeSpan DeauthorizationDelay { get; init; } = TimeSpan.FromSeconds(28);
}
