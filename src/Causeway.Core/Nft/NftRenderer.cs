using System.Text;

namespace Causeway.Core.Nft;

/// <summary>Writes table definitions as nft input, laid out as `nft list` prints them.</summary>
public static class NftRenderer
{
    /// <summary>The table block alone.</summary>
    public static string Render(NftTableDefinition table)
    {
        var text = new StringBuilder();
        text.Append("table ").Append(table.Family).Append(' ').Append(NftSyntax.Identifier(table.Name)).Append(" {\n");
        if (table.Comment is not null)
        {
            text.Append("\tcomment ").Append(NftSyntax.Quote(table.Comment)).Append('\n');
        }

        for (var i = 0; i < table.Chains.Length; i++)
        {
            var chain = table.Chains[i];
            if (i > 0 || table.Comment is not null)
            {
                text.Append('\n');
            }

            text.Append("\tchain ").Append(NftSyntax.Identifier(chain.Name)).Append(" {\n");
            text.Append("\t\ttype ").Append(chain.Type)
                .Append(" hook ").Append(chain.Hook)
                .Append(" priority ").Append(chain.Priority.Keyword)
                .Append("; policy ").Append(chain.Policy).Append(";\n");
            foreach (var rule in chain.Rules)
            {
                text.Append("\t\t").Append(rule.Statement).Append(" comment ").Append(NftSyntax.Quote(rule.Comment)).Append('\n');
            }

            text.Append("\t}\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>
    /// One `nft -f -` transaction that replaces the table whole: `table` (creates it if missing, so that the
    /// delete cannot fail), `delete table`, then the full table. nft applies a file atomically, so the host
    /// never sees the table absent or half-written.
    /// </summary>
    public static string ReplaceScript(NftTableDefinition table) =>
        $"table {table.Family} {NftSyntax.Identifier(table.Name)} {{}}\ndelete table {table.Family} {table.Name}\n{Render(table)}";

    /// <summary>Removes the table; succeeds whether or not it exists.</summary>
    public static string DeleteScript(string family, string name) =>
        $"table {family} {NftSyntax.Identifier(name)} {{}}\ndelete table {family} {name}\n";
}
