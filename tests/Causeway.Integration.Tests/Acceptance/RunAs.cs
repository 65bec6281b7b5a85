namespace Causeway.Integration.Tests.Acceptance;

/// <summary>Who runs the binary in a bad-input case.</summary>
public enum RunAs
{
    /// <summary>root, as `sudo causeway up` does.</summary>
    Root,

    /// <summary>nobody (uid and gid 65534, no groups): `setpriv --reuid=65534 --regid=65534 --clear-groups`.</summary>
    Nobody,

    /// <summary>
    /// root without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (dropped from the bounding set): root whom file
    /// permissions bind, as on a root-squashed NFS mount. The only way root meets a file it cannot read.
    /// </summary>
    RootBoundByFileModes,
}
