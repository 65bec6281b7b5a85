namespace Causeway.Core.Doctor.Checks;

/// <summary>
/// `firewall.ufw`: an enabled ufw drops forwarded traffic by default (DEFAULT_FORWARD_POLICY="DROP"), and incoming
/// connections to the access servers' ports (DEFAULT_INPUT_POLICY="DROP"), unless its rules allow them.
/// </summary>
public static class UfwCheck
{
    public static DoctorFinding Evaluate(DoctorFacts facts, DoctorSubject subject)
    {
        var id = DoctorFindingIds.FirewallUfw;
        var ufw = facts.Firewall.Ufw;
        var check = $"ufw lets clients' traffic through from {string.Join(", ", subject.ClientDevices)} to {subject.EgressDevice}"
            + (subject.AccessPorts.IsEmpty ? string.Empty : $", and in to the access servers ({string.Join(", ", subject.AccessPorts)})")
            + subject.DefaultsNote;
        if (!ufw.IsInstalled)
        {
            return DoctorFinding.Ok(id, check, "ufw is not installed");
        }

        if (ufw.Enabled != true)
        {
            return DoctorFinding.Ok(id, check, "ufw is installed but not enabled");
        }

        var dropsForward = Drops(ufw.ForwardPolicy);
        var dropsInput = Drops(ufw.InputPolicy) && !subject.AccessPorts.IsEmpty;
        if (!dropsForward && !dropsInput)
        {
            return DoctorFinding.Ok(id, check, $"ufw is enabled; its forward policy is {ufw.ForwardPolicy ?? "unset"}{(subject.AccessPorts.IsEmpty ? string.Empty : $", its input policy {ufw.InputPolicy ?? "unset"}")}");
        }

        var missing = new List<string>();
        if (!ufw.UserRules.TryGet(out var rules))
        {
            var policies = dropsForward ? $"DEFAULT_FORWARD_POLICY=\"{ufw.ForwardPolicy}\"" : $"DEFAULT_INPUT_POLICY=\"{ufw.InputPolicy}\"";
            return DoctorFinding.Unchecked(id, check,
                $"ufw is enabled with {policies}; whether its rules allow Causeway's traffic could not be read ({UfwFacts.UserRulesPath}: {ufw.UserRules.WhyNot})",
                ufw.UserRules.NeedsRoot ? "sudo causeway doctor" : null);
        }

        var lines = rules.Split('\n', StringSplitOptions.TrimEntries);
        if (dropsForward)
        {
            missing.AddRange(subject.ClientDevices
                .Where(client => !AllowsRoute(lines, client, subject.EgressDevice))
                .Select(client => $"ufw route allow in on {client} out on {subject.EgressDevice}"));
        }

        if (dropsInput)
        {
            missing.AddRange(subject.AccessPorts.Where(port => !AllowsPort(lines, port)).Select(port => $"ufw allow {port}"));
        }

        if (missing.Count == 0)
        {
            return DoctorFinding.Ok(id, check, "ufw is enabled, and its rules allow Causeway's traffic");
        }

        var seen = dropsForward
            ? $"ufw is enabled with DEFAULT_FORWARD_POLICY=\"{ufw.ForwardPolicy}\": it drops what clients send to {subject.EgressDevice}, whatever Causeway's table accepts"
            : $"ufw is enabled with DEFAULT_INPUT_POLICY=\"{ufw.InputPolicy}\": phones cannot reach the access servers";
        return DoctorFinding.Problem(id, check, seen, string.Join(" && ", missing));
    }

    private static bool Drops(string? policy) => policy is "DROP" or "REJECT";

    /// <summary>`ufw route allow in on IN [out on OUT]` is `-A ufw-user-forward -i IN [-o OUT] -j ACCEPT` in user.rules.</summary>
    private static bool AllowsRoute(IEnumerable<string> lines, string input, string output) => lines.Any(line =>
        line.StartsWith("-A ufw-user-forward ", StringComparison.Ordinal)
        && line.EndsWith("-j ACCEPT", StringComparison.Ordinal)
        && line.Contains($" -i {input} ", StringComparison.Ordinal)
        && (line.Contains($" -o {output} ", StringComparison.Ordinal) || !line.Contains(" -o ", StringComparison.Ordinal))
        && !line.Contains(" -s ", StringComparison.Ordinal) && !line.Contains(" -d ", StringComparison.Ordinal));

    /// <summary>`ufw allow 1194/udp` is `-A ufw-user-input -p udp --dport 1194 -j ACCEPT` in user.rules.</summary>
    private static bool AllowsPort(IEnumerable<string> lines, string port)
    {
        var parts = port.Split('/');
        return lines.Any(line =>
            line.StartsWith("-A ufw-user-input ", StringComparison.Ordinal)
            && line.EndsWith("-j ACCEPT", StringComparison.Ordinal)
            && line.Contains($"--dport {parts[0]} ", StringComparison.Ordinal)
            && (line.Contains($"-p {parts[1]} ", StringComparison.Ordinal) || !line.Contains("-p ", StringComparison.Ordinal))
            && !line.Contains(" -s ", StringComparison.Ordinal));
    }
}
