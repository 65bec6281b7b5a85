using Causeway.Core.Model;

namespace Causeway.Core.Doctor.Checks;

/// <summary>
/// `zerotier.token`, `zerotier.api`, `zerotier.allow-default`: for a config whose overlay is a ZeroTier network,
/// zerotier-one's API token can be read, its local API answers and this node is usable on the network, and, on a host
/// whose egress is a gateway on the overlay (Dinosaur's VM), allowDefault is off on its own membership.
/// </summary>
public static class ZeroTierCheck
{
    public static DoctorFinding Token(DoctorFacts facts, DoctorSubject subject)
    {
        var id = DoctorFindingIds.ZeroTierToken;
        if (NotApplicable(facts, subject, id, "zerotier-one's API token (authtoken.secret) can be read") is { } skipped)
        {
            return skipped;
        }

        var zt = facts.ZeroTier!;
        var token = zt.Token;
        var check = $"zerotier-one's API token {token.Path} can be read (Causeway reads the network through its local API)";
        return token.State switch
        {
            ZeroTierTokenState.Readable => DoctorFinding.Ok(id, check, $"{token.Path} is readable"),
            ZeroTierTokenState.NeedsRoot => DoctorFinding.Unchecked(id, check,
                $"{token.Path} is root's alone (as it should be), and this is not root", "sudo causeway doctor"),
            ZeroTierTokenState.Missing => DoctorFinding.Problem(id, check,
                $"{token.Path} does not exist: zerotier-one is not installed, has never started, or keeps its home elsewhere",
                $"install and start zerotier-one (systemctl enable --now zerotier-one), or point [overlay] zerotier_home at its home directory"),
            ZeroTierTokenState.Empty => DoctorFinding.Problem(id, check,
                $"{token.Path} is empty", "systemctl restart zerotier-one (it writes a new token when it starts)"),
            _ => DoctorFinding.Problem(id, check, $"{token.Path} cannot be read: {token.Detail}",
                $"make it readable by root (ls -l {token.Path}), or restart zerotier-one to recreate it"),
        };
    }

    public static DoctorFinding Api(DoctorFacts facts, DoctorSubject subject)
    {
        var id = DoctorFindingIds.ZeroTierApi;
        if (NotApplicable(facts, subject, id, "zerotier-one's local API answers and this node is on the network") is { } skipped)
        {
            return skipped;
        }

        var zt = facts.ZeroTier!;
        var check = $"zerotier-one's local API answers on 127.0.0.1, and this node has joined network {zt.NetworkId} and has an address there";
        if (zt.Api is not { } api)
        {
            return DoctorFinding.Unchecked(id, check, "not asked: its token could not be read (zerotier.token)",
                zt.Token.State == ZeroTierTokenState.NeedsRoot ? "sudo causeway doctor" : null);
        }

        return api.Outcome switch
        {
            ZeroTierApiOutcome.Answered when api.Network is { } network => DoctorFinding.Ok(id, check,
                $"zerotier-one {network.Version} answers; network {zt.NetworkId} ({network.Name}) is {network.Status} on {network.InterfaceName}, this node {network.NodeAddress} at {string.Join(", ", network.AssignedAddresses)}"),
            ZeroTierApiOutcome.Answered => DoctorFinding.Ok(id, check, $"zerotier-one answers; network {zt.NetworkId} is usable"),
            ZeroTierApiOutcome.Starting => DoctorFinding.Warning(id, check,
                $"zerotier-one is still starting or configuring the network: {api.Message}",
                "run causeway doctor again in a few seconds; if this stays: systemctl restart zerotier-one (`causeway up` waits overlay.zerotier_wait_seconds for it)"),
            ZeroTierApiOutcome.NotRunning => DoctorFinding.Problem(id, check, api.Message,
                "systemctl enable --now zerotier-one (if it is starting right now, run causeway doctor again in a few seconds)"),
            ZeroTierApiOutcome.NotJoined => DoctorFinding.Problem(id, check, api.Message,
                $"zerotier-cli join {zt.NetworkId}, then authorize this member on the network's controller"),
            ZeroTierApiOutcome.NetworkUnusable => DoctorFinding.Problem(id, check, api.Message,
                "on the network's controller: authorize this member and give it an address (ZeroTier Central: Members, tick Auth)"),
            _ => DoctorFinding.Problem(id, check, api.Message,
                $"check [overlay] zerotier_home and zerotier_port against zerotier-one's ({zt.HomeDirectory}), then systemctl restart zerotier-one"),
        };
    }

    public static DoctorFinding AllowDefault(DoctorFacts facts, DoctorSubject subject)
    {
        var id = DoctorFindingIds.ZeroTierAllowDefault;
        var check = "ZeroTier's allowDefault is off on a host whose egress is a gateway on the overlay ([egress] overlay_gateway)";
        if (subject.Settings is not { } settings)
        {
            return DoctorFinding.Unchecked(id, check, subject.WithoutConfig);
        }

        if (settings.Egress.OverlayGateway is not { } gateway)
        {
            return DoctorFinding.Ok(id, check, "not needed: this host runs its own provider tunnel (no [egress] overlay_gateway)");
        }

        if (settings.Overlay.Source is not ZeroTierOverlaySource)
        {
            return DoctorFinding.Ok(id, check, "not needed: the overlay is not a ZeroTier network");
        }

        var zt = facts.ZeroTier!;
        if (zt.Api?.Network is not { } network)
        {
            return DoctorFinding.Unchecked(id, check, "zerotier-one's API did not answer (zerotier.api)",
                zt.Token.State == ZeroTierTokenState.NeedsRoot ? "sudo causeway doctor" : null);
        }

        return network.AllowDefault
            ? DoctorFinding.Problem(id, check,
                $"allowDefault is on for network {zt.NetworkId} on this host: ZeroTier moves this host's own default route onto the overlay, so the access servers' replies to phones and this host's own traffic go to the gateway {gateway} too",
                $"zerotier-cli set {zt.NetworkId} allowDefault=0")
            : DoctorFinding.Ok(id, check, $"allowDefault is off for network {zt.NetworkId}; clients' traffic goes to the gateway {gateway} through Causeway's own table");
    }

    /// <summary>The finding when there is no ZeroTier network to look at: no config, or an overlay that is not ZeroTier.</summary>
    private static DoctorFinding? NotApplicable(DoctorFacts facts, DoctorSubject subject, string id, string check)
    {
        if (subject.Settings is not { } settings)
        {
            return DoctorFinding.Unchecked(id, check, subject.WithoutConfig);
        }

        return settings.Overlay.Source is ZeroTierOverlaySource && facts.ZeroTier is not null
            ? null
            : DoctorFinding.Ok(id, check, $"not needed: the overlay is the interface {subject.OverlayName}, not a ZeroTier network");
    }
}
