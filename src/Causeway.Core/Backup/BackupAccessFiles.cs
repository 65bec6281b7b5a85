using System.Collections.Immutable;
using Causeway.Core.Access;

namespace Causeway.Core.Backup;

/// <summary>
/// The files of &lt;state_dir&gt;/access a backup carries: the PKI (<see cref="AccessPaths.PkiFiles"/>), the client
/// registry and the last-seen times. Not the lock beside it, nor the state file (what `up` changed on the old host:
/// the sysctls to restore there), nor anything under run_dir (made again by `up`).
/// </summary>
public static class BackupAccessFiles
{
    /// <summary>Their paths for an instance, the PKI first, in the order <see cref="Names"/> lists them.</summary>
    public static IReadOnlyList<string> Paths(AccessPaths paths) => [.. paths.PkiFiles, paths.ClientRegistry, paths.LastSeen];

    /// <summary>The only names an access file in a bundle may have.</summary>
    public static readonly ImmutableArray<string> Names = [.. Paths(new AccessPaths("/", "/")).Select(p => Path.GetFileName(p))];

    /// <summary>The files without which there is no PKI (the CRL may be missing: `up` writes it again from the registry).</summary>
    public static readonly ImmutableArray<string> Required = [.. Names.Take(5)];
}
