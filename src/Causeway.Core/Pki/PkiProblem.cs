using Causeway.Core.Model;

namespace Causeway.Core.Pki;

/// <summary>One finding about a PKI file: which file, what is wrong, and what to do about it.</summary>
/// <param name="Path">The file the problem is in (the one to fix or replace).</param>
/// <param name="Message">What is wrong, then after a colon what to do.</param>
public sealed record PkiProblem(DiagnosticSeverity Severity, string Path, string Message)
{
    public override string ToString() => $"{Path}: {(Severity == DiagnosticSeverity.Warning ? "warning: " : "")}{Message}";
}
