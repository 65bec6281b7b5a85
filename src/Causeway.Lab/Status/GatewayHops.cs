namespace Causeway.Lab.Status;

/// <summary>
/// `hops` in `causeway status --json`: the path clients' traffic takes from this host, hop by hop (on the sbc:
/// `tunnel` then `internet`; on the VM: `gateway`, the sbc over ZeroTier, then `internet`).
/// </summary>
/// <param name="Summary">One line, e.g. "VM → SBC over ZeroTier: down since 12:03:10".</param>
/// <param name="FirstFailed">The id of the first hop that is down, or null when none is.</param>
public sealed record GatewayHops(string? Summary, string? FirstFailed, IReadOnlyList<GatewayHop>? Items)
{
    /// <summary>The hop with that id, or null.</summary>
    public GatewayHop? Hop(string id) => Items?.FirstOrDefault(h => h.Id == id);

    public string Describe() =>
        $"firstFailed {FirstFailed ?? "none"} ('{Summary}'; {string.Join(", ", (Items ?? []).Select(h => h.Describe()))})";
}
