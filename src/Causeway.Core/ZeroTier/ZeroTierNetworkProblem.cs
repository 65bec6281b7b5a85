namespace Causeway.Core.ZeroTier;

/// <summary>What is wrong with a joined network, and what the user should do about it.</summary>
/// <param name="Reason">What is wrong, e.g. "ZeroTier network 2f5042fc3b08bd2e is ACCESS_DENIED: ...".</param>
/// <param name="Remedy">What to do next.</param>
/// <param name="IsTransient">Waiting may fix it by itself (the daemon polls while this is true).</param>
public sealed record ZeroTierNetworkProblem(
    ZeroTierNetworkProblemKind Kind,
    string NetworkId,
    string Status,
    string Reason,
    string Remedy,
    bool IsTransient)
{
    public string Message => $"{Reason}: {Remedy}";

    public override string ToString() => Message;
}
