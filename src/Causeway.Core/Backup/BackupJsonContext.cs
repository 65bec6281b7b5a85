using System.Text.Json.Serialization;

namespace Causeway.Core.Backup;

/// <summary>
/// Source-generated JSON for the backup file (the binary is NativeAOT). Strict on reading: an unknown or duplicate
/// property, or a missing one, is an error, not something to guess about in a file that may be hostile.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 8)]
[JsonSerializable(typeof(BackupManifest))]
internal sealed partial class BackupJsonContext : JsonSerializerContext
{
}
