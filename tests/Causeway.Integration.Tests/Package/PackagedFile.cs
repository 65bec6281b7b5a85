namespace Causeway.Integration.Tests.Package;

/// <summary>A path the causeway package installs, and its mode as `ls -l` shows it (always root:root).</summary>
/// <param name="Path">Absolute; a directory ends in '/'.</param>
public sealed record PackagedFile(string Path, string Mode)
{
    public bool IsDirectory => Path.EndsWith('/');

    /// <summary>The path as the file system names it (no trailing '/').</summary>
    public string HostPath => Path.Length > 1 ? Path.TrimEnd('/') : Path;

    /// <summary>
    /// Everything in the package, and nothing else: the product only (no lab), the unit, the man page, the example
    /// config beside the live path (never at /etc/causeway/causeway.toml, which is the admin's). /etc/causeway and
    /// /var/lib/causeway are not in the archive: the postinst makes them, so that dpkg never deletes them on remove.
    /// </summary>
    public static IReadOnlyList<PackagedFile> All { get; } =
    [
        new("/", "drwxr-xr-x"),
        new("/lib/", "drwxr-xr-x"),
        new("/lib/systemd/", "drwxr-xr-x"),
        new("/lib/systemd/system/", "drwxr-xr-x"),
        new("/lib/systemd/system/causeway-boot.service", "-rw-r--r--"),
        new("/lib/systemd/system/causeway.service", "-rw-r--r--"),
        new("/usr/", "drwxr-xr-x"),
        new("/usr/bin/", "drwxr-xr-x"),
        new("/usr/bin/causeway", "-rwxr-xr-x"),
        new("/usr/share/", "drwxr-xr-x"),
        new("/usr/share/doc/", "drwxr-xr-x"),
        new("/usr/share/doc/causeway/", "drwxr-xr-x"),
        new("/usr/share/doc/causeway/changelog.gz", "-rw-r--r--"),
        new("/usr/share/doc/causeway/copyright", "-rw-r--r--"),
        new("/usr/share/doc/causeway/examples/", "drwxr-xr-x"),
        new("/usr/share/doc/causeway/examples/causeway.toml", "-rw-r--r--"),
        new("/usr/share/man/", "drwxr-xr-x"),
        new("/usr/share/man/man8/", "drwxr-xr-x"),
        new("/usr/share/man/man8/causeway.8.gz", "-rw-r--r--"),
    ];

    /// <summary>What only this package puts on the host (not directories every system has): gone after a purge.</summary>
    public static IReadOnlyList<PackagedFile> Own { get; } =
        [.. All.Where(f => !f.IsDirectory || f.Path.StartsWith("/usr/share/doc/causeway/", StringComparison.Ordinal))];

    /// <summary>What the package must depend on: the programs Causeway runs, the libraries the binary loads, what the scripts use.</summary>
    public static IReadOnlyList<string> Dependencies { get; } =
    [
        "libc6 (>= 2.34)", "libssl3t64 | libssl3", "openvpn (>= 2.6)", "nftables", "iproute2", "conntrack", "util-linux", "procps", "adduser",
    ];
}
