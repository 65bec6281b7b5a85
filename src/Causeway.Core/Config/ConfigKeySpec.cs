namespace Causeway.Core.Config;

/// <summary>One key of a section: its name inside the section and the TOML type it takes.</summary>
internal sealed record ConfigKeySpec(string Name, ConfigValueKind Kind);
