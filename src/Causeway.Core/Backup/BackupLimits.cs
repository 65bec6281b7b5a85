namespace Causeway.Core.Backup;

/// <summary>
/// The bounds a bundle is held to before anything in it is decoded: each far above what a real file of its kind
/// needs (the same as the bounds on the files themselves where they are read: Engine.Preflight.InputFiles), and
/// small enough that a hostile bundle cannot make `restore` eat the machine's memory.
/// </summary>
public static class BackupLimits
{
    /// <summary>The whole bundle: every file below, base64 (4/3), with room.</summary>
    public const long BundleMaxBytes = 48 << 20;

    /// <summary>Files in a bundle: the config, 8 of the access directory, the provider's few.</summary>
    public const int MaxFiles = 32;

    /// <summary>The config, as `up` reads it.</summary>
    public const long ConfigMaxBytes = 1 << 20;

    /// <summary>A provider file: the profile, the auth file, a file the profile names.</summary>
    public const long ProviderFileMaxBytes = 4 << 20;

    /// <summary>An access file: a certificate or key is a few KiB; the CRL and the registry grow with clients.</summary>
    public const long AccessFileMaxBytes = 4 << 20;

    /// <summary>A file name, as Linux bounds it.</summary>
    public const int NameMaxLength = 255;

    /// <summary>The informational strings (made_by, instance, config_path).</summary>
    public const int LabelMaxLength = 4096;

    public static long MaxBytes(BackupRole role) => role switch
    {
        BackupRole.Config => ConfigMaxBytes,
        BackupRole.Access => AccessFileMaxBytes,
        _ => ProviderFileMaxBytes,
    };
}
