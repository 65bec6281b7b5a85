namespace Causeway.Core.Config;

/// <summary>The TOML type a key takes, checked on the syntax tree before binding so that every mismatch is reported.</summary>
internal enum ConfigValueKind
{
    String,
    Integer,
    Boolean,
    StringArray,
}
