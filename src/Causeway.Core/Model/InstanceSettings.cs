namespace Causeway.Core.Model;

/// <summary>
/// The names Causeway owns on the host. All configurable so that several instances can share one host
/// (the lab runs several on one filesystem); everything Causeway adds is tagged with these and nothing else.
/// </summary>
/// <param name="Name">Instance name, used in comments and in log lines.</param>
/// <param name="StateDirectory">Persistent state (0700): what was changed, to undo exactly that.</param>
/// <param name="RunDirectory">Runtime files (0700): sockets, generated OpenVPN config, pid files.</param>
/// <param name="NftTable">The one nftables table (family inet) Causeway owns.</param>
/// <param name="RouteTable">The policy-routing table for traffic that arrives on client-facing interfaces.</param>
/// <param name="RulePriority">Base priority of Causeway's ip rules; see <see cref="RulePriorities"/>.</param>
/// <param name="ReconcileInterval">
/// How often the host is observed and drift repaired when nothing woke the loop before: the safety net behind the
/// kernel's change events, which start a round at once.
/// </param>
public sealed record InstanceSettings(
    string Name,
    string StateDirectory,
    string RunDirectory,
    string NftTable,
    int RouteTable,
    int RulePriority,
    TimeSpan ReconcileInterval)
{
    public const string DefaultName = "causeway";
    public const string DefaultStateDirectory = "/var/lib/causeway";
    public const string DefaultRunDirectory = "/run/causeway";
    public const string DefaultNftTable = "causeway";
    public const int DefaultRouteTable = 7270;
    public const int DefaultRulePriority = 7270;
    public static readonly TimeSpan DefaultReconcileInterval = TimeSpan.FromSeconds(10);

    /// <summary>The daemon's own status socket (`causeway status` asks it).</summary>
    public string StatusSocketPath => Path.Combine(RunDirectory, "causeway.sock");

    /// <summary>Held (flock) by a running `causeway up`, so that a second one refuses to start.</summary>
    public string LockFilePath => Path.Combine(RunDirectory, "causeway.lock");

    /// <summary>0700 root-only directory: OpenVPN creates its management socket with mode 0777, so the directory is the guard.</summary>
    public string OpenVpnDirectory => Path.Combine(RunDirectory, "openvpn");

    public string ManagementSocketPath => Path.Combine(OpenVpnDirectory, "management.sock");

    /// <summary>The generated client config: the sanitized profile plus Causeway's own lines (0600, holds keys).</summary>
    public string OpenVpnConfigPath => Path.Combine(OpenVpnDirectory, "client.conf");

    public string OpenVpnPidPath => Path.Combine(OpenVpnDirectory, "openvpn.pid");

    /// <summary>What Causeway changed on the host (sysctl values before and after), so `down` undoes exactly that.</summary>
    public string StateFilePath => Path.Combine(StateDirectory, "state.json");

    /// <summary>This month's egress counts (docs/status.md, `egressUsage`): kept across restarts, removed by `down`.</summary>
    public string EgressUsagePath => Path.Combine(StateDirectory, "egress-usage.json");
}
