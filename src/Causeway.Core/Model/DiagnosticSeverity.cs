namespace Causeway.Core.Model;

/// <summary>How bad a finding in the user's input is: errors stop before the host is touched, warnings do not.</summary>
public enum DiagnosticSeverity
{
    Error,
    Warning,
}
