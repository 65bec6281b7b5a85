using Causeway.Core.Config;
using Causeway.Core.Model;

namespace Causeway.Cli.Output;

/// <summary>Prints findings in the user's input, errors first, one per line as file:line:column: message (fix).</summary>
public static class DiagnosticsPrinter
{
    public static void Print(TextWriter error, IEnumerable<ConfigDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Severity == DiagnosticSeverity.Error ? 0 : 1))
        {
            error.WriteLine(diagnostic.ToString());
        }
    }
}
