using System.Text.RegularExpressions;

namespace Causeway.Core.Doctor;

/// <summary>The programs `causeway up` requires (it refuses to start without any of them), and what `doctor` asks of each.</summary>
public static partial class DoctorPrograms
{
    public static readonly ProgramRequirement Ip = new(
        "ip", "iproute2", null, IpVersion(), ["-V"],
        "policy rules, routes, links and addresses, read as JSON (`ip -json`)");

    /// <summary>1.0: Debian 12's is 1.0.6; Debian 11's 0.9.8 is older than what Causeway is tested with.</summary>
    public static readonly ProgramRequirement Nft = new(
        "nft", "nftables", new Version(1, 0, 0), NftVersion(), ["--version"],
        "the kill switch's nftables table, written in one transaction and read back as JSON");

    /// <summary>2.6: the client and access server options Causeway writes (and what it was tested with).</summary>
    public static readonly ProgramRequirement OpenVpn = new(
        "openvpn", "openvpn", new Version(2, 6, 0), OpenVpnVersion(), ["--version"],
        "the provider tunnel and the access servers");

    public static readonly ProgramRequirement Conntrack = new(
        "conntrack", "conntrack", null, null, [],
        "flushing the clients' connection tracking entries when the tunnel (re)connects");

    public static readonly ProgramRequirement Setpriv = new(
        "setpriv", "util-linux", null, null, [],
        "giving OpenVPN a parent-death signal, so a crashed daemon leaves no tunnel behind");

    public static IReadOnlyList<ProgramRequirement> All { get; } = [Ip, Nft, OpenVpn, Conntrack, Setpriv];

    /// <summary>The finding id of a program, e.g. "program.nft".</summary>
    public static string FindingId(string program) => $"program.{program}";

    [GeneratedRegex(@"iproute2-v?([0-9]+)\.([0-9]+)(?:\.([0-9]+))?", RegexOptions.CultureInvariant)]
    private static partial Regex IpVersion();

    [GeneratedRegex(@"nftables v([0-9]+)\.([0-9]+)(?:\.([0-9]+))?", RegexOptions.CultureInvariant)]
    private static partial Regex NftVersion();

    [GeneratedRegex(@"OpenVPN ([0-9]+)\.([0-9]+)(?:\.([0-9]+))?", RegexOptions.CultureInvariant)]
    private static partial Regex OpenVpnVersion();
}
