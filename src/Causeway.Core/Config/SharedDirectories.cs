using System.Collections.Frozen;

namespace Causeway.Core.Config;

/// <summary>
/// Directories the whole host shares, which can never be Causeway's own `state_dir` or `run_dir`: Causeway sets the
/// mode of its directories (0700 / 0755), writes fixed names into them (openvpn/client.conf, state.json …) and
/// `down` deletes those names, so `state_dir = "/tmp"` would leave /tmp at 0700 and `run_dir = "/etc"` would
/// overwrite /etc/openvpn/client.conf. Pure: the path as written (normalized); the daemon checks where an existing
/// directory really is with the same list.
/// </summary>
public static class SharedDirectories
{
    private static readonly FrozenSet<string> Shared = FrozenSet.ToFrozenSet(
        [
            "/", "/bin", "/boot", "/dev", "/efi", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/lost+found",
            "/media", "/mnt", "/nix", "/opt", "/proc", "/root", "/run", "/sbin", "/snap", "/srv", "/sys", "/tmp", "/usr",
            "/var",
            "/etc/default", "/etc/init.d", "/etc/network", "/etc/openvpn", "/etc/ssl", "/etc/systemd",
            "/run/lock", "/run/shm", "/run/systemd", "/run/user",
            "/usr/bin", "/usr/include", "/usr/lib", "/usr/lib32", "/usr/lib64", "/usr/libexec", "/usr/local", "/usr/sbin",
            "/usr/share", "/usr/src",
            "/usr/local/bin", "/usr/local/etc", "/usr/local/include", "/usr/local/lib", "/usr/local/sbin", "/usr/local/share",
            "/usr/local/src",
            "/var/backups", "/var/cache", "/var/empty", "/var/lib", "/var/local", "/var/lock", "/var/log", "/var/mail",
            "/var/opt", "/var/run", "/var/spool", "/var/tmp", "/var/www",
            "/var/lib/openvpn", "/var/lib/zerotier-one",
        ],
        StringComparer.Ordinal);

    /// <summary>Under these, everything is the kernel's (or a device's), never a directory to keep files in.</summary>
    private static readonly string[] KernelFileSystems = ["/dev/", "/proc/", "/sys/"];

    /// <summary>Why <paramref name="path"/> (absolute) cannot be a directory of Causeway's own; null if it can.</summary>
    public static string? WhyShared(string path)
    {
        var normalized = ConfigPaths.Normalize(path);
        if (Shared.Contains(normalized))
        {
            return $"{normalized} is a directory the whole host shares";
        }

        if (KernelFileSystems.Any(prefix => normalized.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return $"{normalized} is on a kernel file system ({normalized[..normalized.IndexOf('/', 1)]})";
        }

        var parent = Path.GetDirectoryName(normalized);
        if (parent is "/home" or "/run/user")
        {
            return parent == "/home" ? $"{normalized} is a home directory" : $"{normalized} is a user's runtime directory";
        }

        return null;
    }
}
