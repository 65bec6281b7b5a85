namespace Causeway.Core.Doctor.Checks;

/// <summary>`tun-device`: /dev/net/tun, which OpenVPN opens for the provider tunnel and each access server.</summary>
public static class TunDeviceCheck
{
    public static DoctorFinding Evaluate(TunDeviceFacts tun)
    {
        var id = DoctorFindingIds.TunDevice;
        var check = $"{tun.Path} is the tun character device ({TunDeviceFacts.TunMajor},{TunDeviceFacts.TunMinor}) OpenVPN opens";
        if (!tun.Exists)
        {
            return DoctorFinding.Problem(id, check,
                $"{tun.Path} is missing: OpenVPN cannot make a tunnel device",
                "modprobe tun (and echo tun > /etc/modules-load.d/tun.conf to keep it); in a container, pass the device in (docker run --device /dev/net/tun, or the LXC/Proxmox tun option)");
        }

        var remake = $"rm {tun.Path} && mknod {tun.Path} c {TunDeviceFacts.TunMajor} {TunDeviceFacts.TunMinor} && chmod 0666 {tun.Path}";
        if (!tun.IsCharacterDevice)
        {
            return DoctorFinding.Problem(id, check, $"{tun.Path} is {tun.Kind}, not a character device", remake);
        }

        if (tun.Major is { } major && tun.Minor is { } minor && (major, minor) != (TunDeviceFacts.TunMajor, TunDeviceFacts.TunMinor))
        {
            return DoctorFinding.Problem(id, check, $"{tun.Path} is the character device {major},{minor}, not tun's", remake);
        }

        var numbers = tun.Major is { } m && tun.Minor is { } n ? $" {m},{n}" : string.Empty;
        return DoctorFinding.Ok(id, check, $"{tun.Path} is the character device{numbers}");
    }
}
