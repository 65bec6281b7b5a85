namespace Causeway.Core.Nft;

/// <summary>
/// The one thing read from nft's text output: a table's comment. nftables 1.0.6 (Debian 12) leaves table
/// comments out of `nft -j`, and the comment carries Causeway's fingerprint.
/// </summary>
public static class NftTextParser
{
    /// <summary>
    /// The comment of the table that `nft list table FAMILY NAME` printed: the `comment "..."` line directly
    /// inside the table block (before its first chain or set), or null if it has none.
    /// </summary>
    public static string? ParseTableComment(string text)
    {
        var depth = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (depth == 1 && line.StartsWith("comment \"", StringComparison.Ordinal) && line.EndsWith('"'))
            {
                return line["comment \"".Length..^1];
            }

            depth += line.Count(c => c == '{') - line.Count(c => c == '}');
            if (depth > 1)
            {
                // Chains and sets come after the table's own comment.
                return null;
            }
        }

        return null;
    }
}
