using Causeway.Core.Nft;

namespace Causeway.Core.Planning;

/// <summary>Causeway's nft table as it should be.</summary>
/// <param name="Definition">The table, with its comment.</param>
/// <param name="Text">The rendered table (what `nft -f` gets after the create/delete prefix).</param>
/// <param name="Fingerprint">Hash of the rendered table without its comment; also written into the comment.</param>
public sealed record DesiredNftTable(NftTableDefinition Definition, string Text, string Fingerprint)
{
    public string Family => Definition.Family;

    public string Name => Definition.Name;

    public string Comment => Definition.Comment ?? string.Empty;

    public int RuleCount => Definition.AllRules.Count();
}
