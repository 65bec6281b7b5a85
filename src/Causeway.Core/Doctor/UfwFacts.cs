namespace Causeway.Core.Doctor;

/// <summary>ufw, from its own files: /etc/ufw/ufw.conf and /etc/default/ufw (everyone's), /etc/ufw/user.rules (root's).</summary>
/// <param name="Enabled">ENABLED= in ufw.conf (ufw starts at boot and is loaded now); null when ufw is not installed.</param>
/// <param name="ForwardPolicy">DEFAULT_FORWARD_POLICY ("DROP", "ACCEPT", "REJECT"); null when not set.</param>
/// <param name="InputPolicy">DEFAULT_INPUT_POLICY.</param>
/// <param name="UserRules">The rules added with `ufw allow` and `ufw route allow`, as iptables-restore lines.</param>
public sealed record UfwFacts(bool? Enabled, string? ForwardPolicy, string? InputPolicy, Observed<string> UserRules)
{
    public const string ConfigPath = "/etc/ufw/ufw.conf";
    public const string DefaultsPath = "/etc/default/ufw";
    public const string UserRulesPath = "/etc/ufw/user.rules";

    public static readonly UfwFacts NotInstalled = new(null, null, null, Observed.Of(string.Empty));

    public bool IsInstalled => Enabled is not null;
}
