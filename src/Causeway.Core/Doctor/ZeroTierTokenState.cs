namespace Causeway.Core.Doctor;

/// <summary>zerotier-one's API token (authtoken.secret) as `causeway doctor` found it.</summary>
public enum ZeroTierTokenState
{
    Readable,
    Missing,
    Empty,

    /// <summary>Root's alone (as it should be), and this process is not root.</summary>
    NeedsRoot,

    /// <summary>Any other failure to read it.</summary>
    Unreadable,
}
