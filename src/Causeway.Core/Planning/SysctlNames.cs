namespace Causeway.Core.Planning;

/// <summary>
/// Kernel settings by their sysctl(8) names. A dot inside a device name is written as '/' (eth0.100 →
/// net.ipv4.conf.eth0/100.rp_filter), so that a name maps back to exactly one /proc/sys path.
/// </summary>
public static class SysctlNames
{
    public const string IpForward = "net.ipv4.ip_forward";
    public const string Ipv6Forwarding = "net.ipv6.conf.all.forwarding";
    public const string Ipv6DefaultForwarding = "net.ipv6.conf.default.forwarding";

    /// <summary>Reverse-path filter of a device, or of "all"/"default".</summary>
    public static string RpFilter(string device) => $"net.ipv4.conf.{device.Replace('.', '/')}.rp_filter";

    /// <summary>/proc/sys/net/ipv4/conf/eth0.100/rp_filter for net.ipv4.conf.eth0/100.rp_filter.</summary>
    public static string ToProcPath(string name) =>
        "/proc/sys/" + string.Concat(name.Select(c => c switch { '.' => '/', '/' => '.', _ => c }));
}
