namespace Causeway.Core.Config;

/// <summary>Where a key (or a section header, or an array element) and its value start in the config file.</summary>
/// <param name="Key">The key's first character; for a section, its name in the header; for an array element, the element.</param>
/// <param name="Value">The value's first character (for a section, the same as <paramref name="Key"/>).</param>
public sealed record ConfigSourceEntry(ConfigSourcePosition Key, ConfigSourcePosition Value);
