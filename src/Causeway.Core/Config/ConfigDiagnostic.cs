using Causeway.Core.Model;

namespace Causeway.Core.Config;

/// <summary>
/// One finding about the user's config or the files it names, pointing at the place to fix:
/// <c>/etc/causeway/causeway.toml:12:11: error: overlay.subnets[1]: "10.147.17.5/24" has host bits set (write "10.147.17.0/24")</c>.
/// </summary>
/// <param name="File">The file the finding is about (usually the config file; "causeway" for findings about the process itself).</param>
/// <param name="Line">1-based; 0 when the finding is about the file as a whole.</param>
/// <param name="Column">1-based; 0 when <paramref name="Line"/> is 0.</param>
/// <param name="Message">What is wrong, starting with the key path it concerns.</param>
/// <param name="Fix">What to do about it, when there is a clear answer.</param>
public sealed record ConfigDiagnostic(
    DiagnosticSeverity Severity,
    string File,
    int Line,
    int Column,
    string Message,
    string? Fix)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public ConfigSourcePosition Position => new(Line, Column);

    public static ConfigDiagnostic Error(string file, ConfigSourcePosition at, string message, string? fix = null) =>
        new(DiagnosticSeverity.Error, file, at.Line, at.Column, message, fix);

    public static ConfigDiagnostic Warning(string file, ConfigSourcePosition at, string message, string? fix = null) =>
        new(DiagnosticSeverity.Warning, file, at.Line, at.Column, message, fix);

    /// <summary>An error about a key path, pointing at its value (or the nearest thing that was written).</summary>
    public static ConfigDiagnostic Error(ConfigSourceMap sources, string keyPath, string message, string? fix = null) =>
        Error(sources.File, sources.Locate(keyPath), message, fix);

    /// <summary>A warning about a key path, pointing at its value (or the nearest thing that was written).</summary>
    public static ConfigDiagnostic Warning(ConfigSourceMap sources, string keyPath, string message, string? fix = null) =>
        Warning(sources.File, sources.Locate(keyPath), message, fix);

    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return Fix is null ? $"{where}: {severity}: {Message}" : $"{where}: {severity}: {Message} ({Fix})";
    }
}
