using System.Collections.Immutable;

namespace Causeway.Core.Doctor;

/// <summary>The other firewalls on the host that `causeway doctor` knows to look for.</summary>
/// <param name="Running">The names (comm) of the processes of interest that run now: firewalld, dockerd.</param>
/// <param name="FirewalldTrustedZone">/etc/firewalld/zones/trusted.xml (empty when it does not exist).</param>
public sealed record FirewallFacts(UfwFacts Ufw, ImmutableHashSet<string> Running, Observed<string> FirewalldTrustedZone)
{
    public const string Firewalld = "firewalld";
    public const string Dockerd = "dockerd";
    public const string TrustedZonePath = "/etc/firewalld/zones/trusted.xml";

    /// <summary>The process names `causeway doctor` looks for in /proc.</summary>
    public static readonly ImmutableArray<string> Watched = [Firewalld, Dockerd];
}
