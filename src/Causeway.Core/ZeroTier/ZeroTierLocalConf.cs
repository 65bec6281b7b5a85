using System.Collections.Immutable;
using System.Text.Json;

namespace Causeway.Core.ZeroTier;

/// <summary>
/// What Causeway reads of zerotier-one's local.conf (in its home directory, optional): the interface prefixes it must
/// not bind to, `{"settings": {"interfacePrefixBlacklist": ["vpn", …]}}`.
/// </summary>
public static class ZeroTierLocalConf
{
    public const string FileName = "local.conf";

    /// <summary>settings.interfacePrefixBlacklist; empty when the file sets none.</summary>
    /// <exception cref="FormatException">Not JSON (zerotier-one then ignores the whole file too).</exception>
    public static ImmutableArray<string> InterfacePrefixBlacklist(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("settings", out var settings)
                || settings.ValueKind != JsonValueKind.Object
                || !settings.TryGetProperty("interfacePrefixBlacklist", out var list)
                || list.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return [.. list.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => e.GetString()!)
                .Where(p => p.Length > 0)];
        }
        catch (JsonException e)
        {
            throw new FormatException($"{FileName} is not JSON ({e.Message})", e);
        }
    }
}
