using Causeway.Core.Model;
using Causeway.Core.ZeroTier;

namespace Causeway.Core.Doctor.Checks;

/// <summary>
/// `zerotier.bind-devices`: no tunnel device (tun or tap, Causeway's or another VPN's) has a name zerotier-one would
/// bind to. It skips only lo*, zt*, tun*, tap* and local.conf's interfacePrefixBlacklist; bound to a tunnel, it would
/// send the overlay's own traffic through it. Causeway's config only accepts device names starting with "tun", so
/// what this finds is another VPN's device (an OpenVPN `dev vpn0`, say).
/// </summary>
public static class BindDevicesCheck
{
    public const string TunKind = "tun";

    public static DoctorFinding Evaluate(DoctorFacts facts, DoctorSubject subject)
    {
        var id = DoctorFindingIds.ZeroTierBindDevices;
        var home = facts.ZeroTierHome;
        var check = $"no tun/tap device is named so that zerotier-one would bind to it (it skips only {string.Join("*, ", ZeroTierBinding.SkippedPrefixes)}* and {home.Path}/{ZeroTierLocalConf.FileName}'s interfacePrefixBlacklist)";
        var zeroTierUsed = subject.Settings?.Overlay.Source is ZeroTierOverlaySource;
        if (subject.Settings is not null && !zeroTierUsed)
        {
            return DoctorFinding.Ok(id, check, $"not needed: the overlay is the interface {subject.OverlayName}, not a ZeroTier network");
        }

        if (!facts.Links.TryGet(out var links))
        {
            return DoctorFinding.Unchecked(id, check, $"the network devices could not be listed: {facts.Links.WhyNot}");
        }

        var blacklist = home.PrefixBlacklist.TryGet(out var prefixes) ? prefixes : [];
        var unread = home.PrefixBlacklist.IsRead ? string.Empty : $" ({ZeroTierLocalConf.FileName} not read: {home.PrefixBlacklist.WhyNot})";
        var configured = subject.AccessDevices.Prepend(subject.IsOverlayGateway ? null : subject.EgressDevice).OfType<string>().ToList();
        var existing = links.Where(l => l.Kind == TunKind).Select(l => l.Name).ToList();
        var bound = existing.Concat(configured).Distinct(StringComparer.Ordinal).Where(name => ZeroTierBinding.WouldBind(name, blacklist)).ToList();
        if (bound.Count == 0)
        {
            var now = existing.Count == 0 ? "no tun/tap device now" : $"tun/tap devices now: {string.Join(", ", existing)}, all skipped by zerotier-one";
            var causeways = configured.Count == 0 ? string.Empty : $"; Causeway's ({string.Join(", ", configured)}) start with \"tun\"";
            return DoctorFinding.Ok(id, check, now + causeways + unread);
        }

        var names = string.Join(", ", bound);
        var list = string.Join(", ", blacklist.Concat(bound).Distinct(StringComparer.Ordinal).Select(p => $"\"{p}\""));
        var fix = $"name the device so it starts with \"tun\" (OpenVPN: dev tun-{bound[0]}, with dev-type tun), or have zerotier-one skip it: in {home.Path}/{ZeroTierLocalConf.FileName} set {{\"settings\": {{\"interfacePrefixBlacklist\": [{list}]}}}}, then systemctl restart zerotier-one";
        if (!zeroTierUsed && !home.Exists)
        {
            return DoctorFinding.Ok(id, check, $"{names} would be bound by zerotier-one, which is not installed here ({home.Path} does not exist){unread}");
        }

        var seenText = $"zerotier-one would bind to {names}: it would send the overlay's own traffic through that tunnel{unread}";
        return zeroTierUsed
            ? DoctorFinding.Problem(id, check, seenText, fix)
            : DoctorFinding.Warning(id, check, $"{seenText} ({subject.WithoutConfig}: whether the overlay is ZeroTier is not known)", fix);
    }
}
