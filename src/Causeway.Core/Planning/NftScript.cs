namespace Causeway.Core.Planning;

/// <summary>Feed this script to one `nft -f -`: one transaction, all or nothing.</summary>
public sealed record NftScript(string Script) : HostOperation
{
    public override string ToString() => $"nft -f - <<{Script.Count(c => c == '\n')} lines>>";
}
