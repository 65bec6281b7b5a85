namespace Causeway.Core.Backup;

/// <summary>
/// What a file in a backup is, which alone decides where `causeway restore` puts it: never a path from the bundle.
/// </summary>
public enum BackupRole
{
    /// <summary>The config file: restored to the path given to `causeway restore --config`.</summary>
    Config,

    /// <summary>A file of the access PKI or client registry: restored into &lt;state_dir&gt;/access of the restored config.</summary>
    Access,

    /// <summary>
    /// The provider's files the config names (egress.profile, egress.auth, and the files the profile names), when
    /// they sit in the config's own directory: restored beside the config.
    /// </summary>
    Provider,
}
