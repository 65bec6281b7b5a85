namespace Causeway.Lab.ZeroTier;

/// <summary>Something that happens to a membership later, on the simulated clock.</summary>
internal enum PendingEventKind
{
    /// <summary>The member asks its controller for a configuration (after a join; after an authorization).</summary>
    ConfigurationRequest,

    /// <summary>The controller pushes a changed configuration (no address auto-assignment).</summary>
    ConfigurationPush,

    /// <summary>A deauthorization reaches the member: ACCESS_DENIED, if it is still deauthorized.</summary>
    Deauthorization,
}
