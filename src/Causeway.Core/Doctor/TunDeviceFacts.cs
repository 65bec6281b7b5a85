namespace Causeway.Core.Doctor;

/// <summary>/dev/net/tun as stat(2) sees it: OpenVPN opens it for every tunnel device.</summary>
/// <param name="Kind">"a character device", "missing", "a regular file" …</param>
/// <param name="Major">The device's major number, when it is a device.</param>
/// <param name="Minor">The device's minor number, when it is a device.</param>
public sealed record TunDeviceFacts(string Path, bool Exists, bool IsCharacterDevice, string Kind, int? Major, int? Minor)
{
    public const string DefaultPath = "/dev/net/tun";

    /// <summary>The kernel's tun device: misc major 10, minor 200 (Documentation/admin-guide/devices.txt).</summary>
    public const int TunMajor = 10;

    public const int TunMinor = 200;
}
