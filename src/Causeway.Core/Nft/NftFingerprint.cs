using System.Security.Cryptography;
using System.Text;

namespace Causeway.Core.Nft;

/// <summary>
/// A short hash of a rendered table. Written into the table's comment, it lets a fresh process tell whether
/// the table on the host is the one it would write, without interpreting nft's rule expressions.
/// </summary>
public static class NftFingerprint
{
    /// <summary>16 hex digits of the SHA-256 of the table rendered without its comment.</summary>
    public static string Compute(NftTableDefinition table)
    {
        var text = NftRenderer.Render(table with { Comment = null });
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash)[..16];
    }
}
