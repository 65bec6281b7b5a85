namespace Causeway.Core.Doctor;

/// <summary>
/// The id of every finding `causeway doctor` makes, in the order it reports them. Every run reports each of them
/// once (as unchecked when it could not look), so a script can rely on the set; docs/doctor.md says what each means.
/// </summary>
public static class DoctorFindingIds
{
    public const string Config = "config";
    public const string TunDevice = "tun-device";
    public const string ProgramIp = "program.ip";
    public const string ProgramNft = "program.nft";
    public const string ProgramOpenVpn = "program.openvpn";
    public const string ProgramConntrack = "program.conntrack";
    public const string ProgramSetpriv = "program.setpriv";
    public const string IpForward = "ip-forward";
    public const string RpFilter = "rp-filter";
    public const string ZeroTierToken = "zerotier.token";
    public const string ZeroTierApi = "zerotier.api";
    public const string ZeroTierAllowDefault = "zerotier.allow-default";
    public const string ZeroTierBindDevices = "zerotier.bind-devices";
    public const string FirewallUfw = "firewall.ufw";
    public const string FirewallFirewalld = "firewall.firewalld";
    public const string FirewallDocker = "firewall.docker";
    public const string FirewallForwardDrop = "firewall.forward-drop";
    public const string PolicyRouting = "policy-routing";
    public const string Clock = "clock";
    public const string SocketBuffers = "socket-buffers";

    public static IReadOnlyList<string> All { get; } =
    [
        Config, TunDevice, ProgramIp, ProgramNft, ProgramOpenVpn, ProgramConntrack, ProgramSetpriv, IpForward, RpFilter,
        ZeroTierToken, ZeroTierApi, ZeroTierAllowDefault, ZeroTierBindDevices, FirewallUfw, FirewallFirewalld,
        FirewallDocker, FirewallForwardDrop, PolicyRouting, Clock, SocketBuffers,
    ];
}
