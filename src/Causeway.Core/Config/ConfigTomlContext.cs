using System.Text.Json.Serialization;
using Tomlyn.Serialization;

namespace Causeway.Core.Config;

/// <summary>
/// Source-generated binding for the config file. The binary is NativeAOT, where Tomlyn's reflection path is
/// switched off: every type read from TOML must be reachable from here.
/// </summary>
[TomlSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[TomlSerializable(typeof(ConfigDocument))]
internal sealed partial class ConfigTomlContext : TomlSerializerContext
{
}
