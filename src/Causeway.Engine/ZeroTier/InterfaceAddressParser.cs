using System.Collections.Immutable;
using System.Net;
using System.Text.Json;

namespace Causeway.Engine.ZeroTier;

/// <summary>
/// The addresses in `ip -json addr show dev X` output that an overlay member could send to: scope global (and
/// site), not link-local or host. JsonDocument only: no reflection, and nothing but `addr_info` matters here.
/// </summary>
internal static class InterfaceAddressParser
{
    /// <summary>Throws <see cref="JsonException"/> or <see cref="FormatException"/> when the output is not what `ip` prints.</summary>
    public static ImmutableArray<IPAddress> Parse(string ipJson)
    {
        using var document = JsonDocument.Parse(ipJson);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("expected a JSON array of links");
        }

        var addresses = ImmutableArray.CreateBuilder<IPAddress>();
        foreach (var link in document.RootElement.EnumerateArray())
        {
            if (!link.TryGetProperty("addr_info", out var infos) || infos.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var info in infos.EnumerateArray())
            {
                if (info.TryGetProperty("local", out var local)
                    && local.ValueKind == JsonValueKind.String
                    && IPAddress.TryParse(local.GetString(), out var address)
                    && IsReachableScope(info))
                {
                    addresses.Add(address);
                }
            }
        }

        return addresses.ToImmutable();
    }

    private static bool IsReachableScope(JsonElement info) =>
        !info.TryGetProperty("scope", out var scope)
        || scope.ValueKind != JsonValueKind.String
        || scope.GetString() is not ("link" or "host");
}
