namespace Causeway.Core.Nft;

/// <summary>One chain of a listed table. Base chains have a type, a hook, a priority and a policy.</summary>
public sealed record NftChain(string Name, long Handle, string? Type, string? Hook, int? Priority, string? Policy)
{
    public bool IsBaseChain => Hook is not null;

    public override string ToString() => IsBaseChain
        ? $"{Name} (type {Type} hook {Hook} priority {Priority} policy {Policy})"
        : Name;
}
