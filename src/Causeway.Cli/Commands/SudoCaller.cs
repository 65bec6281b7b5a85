using System.Globalization;

namespace Causeway.Cli.Commands;

/// <summary>
/// The user who ran `sudo causeway ...` (sudo's SUDO_UID and SUDO_GID). A file written for them, like the profile from
/// `client add`, is handed to them: written as root, it would be unreadable to the person who has to copy it to a
/// phone without sudo again.
/// </summary>
public sealed record SudoCaller(int Uid, int Gid)
{
    /// <summary>Null unless both are plain numbers and the caller is not root itself.</summary>
    public static SudoCaller? From(string? uid, string? gid) =>
        int.TryParse(uid, NumberStyles.None, CultureInfo.InvariantCulture, out var u)
        && int.TryParse(gid, NumberStyles.None, CultureInfo.InvariantCulture, out var g)
        && u != 0
            ? new SudoCaller(u, g)
            : null;

    public static SudoCaller? FromEnvironment() =>
        From(Environment.GetEnvironmentVariable("SUDO_UID"), Environment.GetEnvironmentVariable("SUDO_GID"));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Uid}:{Gid}");
}
