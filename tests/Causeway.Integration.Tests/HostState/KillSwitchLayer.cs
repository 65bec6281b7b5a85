namespace Causeway.Integration.Tests.HostState;

/// <summary>Which of Causeway's two fail-closed layers a leak test leaves in place.</summary>
public enum KillSwitchLayer
{
    /// <summary>Both: policy routing into the unreachable default, and the nft forward drop.</summary>
    Both,

    /// <summary>Layer a alone: the nft table removed.</summary>
    RoutingOnly,

    /// <summary>Layer b alone: the rules and the routes of Causeway's table removed.</summary>
    NftOnly,

    /// <summary>Neither: the control that proves the probe sees a leak when there is one.</summary>
    Neither,
}
