namespace Causeway.Core.Doctor.Checks;

/// <summary>`config`: the config file loads, and what it and the files it names say.</summary>
public static class ConfigCheck
{
    public static DoctorFinding Evaluate(DoctorSubject subject)
    {
        var config = subject.Config;
        var id = DoctorFindingIds.Config;
        var check = $"the config {config.Path} and the files it names";
        var lines = string.Join("\n", config.Lines);
        var warnings = config.Lines.Where(l => l.Contains(": warning: ", StringComparison.Ordinal)).ToList();
        return config.State switch
        {
            DoctorConfigState.Absent => DoctorFinding.Warning(id, check,
                $"no config at {config.Path}: the checks that need one (ZeroTier, allowDefault, the access CA) are not run, the others use Causeway's defaults",
                $"write one (the annotated example is examples/causeway.toml; every key is in docs/configuration.md), or name yours: causeway doctor --config PATH"),
            DoctorConfigState.NeedsRoot => DoctorFinding.Unchecked(id, check,
                $"{config.Path} can only be read by root: the checks that need it are not run",
                "sudo causeway doctor"),
            DoctorConfigState.Invalid => DoctorFinding.Problem(id, check,
                lines.Length == 0 ? $"{config.Path} cannot be used" : lines,
                "fix each line above (file:line:column says where); `causeway plan` shows the same"),
            _ when warnings.Count == 0 => DoctorFinding.Ok(id, check, config.Lines.IsEmpty ? $"loaded: {Describe(subject)}" : $"loaded: {Describe(subject)}\n{lines}"),
            _ => DoctorFinding.Warning(id, check,
                $"loaded ({Describe(subject)}), with warnings:\n{lines}",
                "see each warning (file:line:column says where)"),
        };
    }

    private static string Describe(DoctorSubject subject)
    {
        var settings = subject.Settings!;
        var overlay = subject.OverlayDevice is { } device ? $"overlay {device}" : "overlay";
        var egress = subject.IsOverlayGateway
            ? $"egress via the overlay gateway {settings.Egress.OverlayGateway}"
            : $"egress {settings.Egress.DeviceName}";
        var access = subject.AccessDevices.IsEmpty ? string.Empty : $", access servers {string.Join(", ", subject.AccessDevices)}";
        return $"instance {settings.Instance.Name}, {overlay}, {egress}{access}";
    }
}
