using System.Collections.Immutable;
using Causeway.Core.Doctor;
using Causeway.Core.Doctor.Checks;
using Causeway.Core.Model;
using Causeway.Core.Netlink;
using Causeway.Core.Nft;
using Causeway.Core.Planning;
using Causeway.Engine.Seams;
using Causeway.Engine.ZeroTier;

namespace Causeway.Engine.Doctor;

/// <summary>
/// `causeway doctor`'s reading of the host, through the seams only: the config, /dev/net/tun, the programs, the
/// network (devices, rules, nftables, sysctls), zerotier-one, the other firewalls and the clock. Reads, never changes;
/// what it cannot read (without root, say) is in the facts as such. The findings are Core.Doctor's.
/// </summary>
public sealed class DoctorGatherer(Machine machine, OverlayResolver resolver) : IDisposable
{
    private readonly HostNetworkProbe _network = new(machine.Commands, machine.Files, machine.Identity);

    public async Task<DoctorFacts> GatherAsync(DoctorRequest request, CancellationToken cancellationToken)
    {
        var files = machine.Files;
        var host = machine.Identity;
        var config = new DoctorConfigProbe(files, host).Read(request);
        var settings = config.Settings;
        var programs = await new ProgramProbe(machine.Programs, machine.Commands).ProbeAsync(cancellationToken);
        bool Usable(string name) => programs.Any(p => p.Name == name && p.Path is not null);

        var links = Usable("ip")
            ? await _network.ReadLinksAsync(cancellationToken)
            : Observed.Unread<ImmutableArray<IpLink>>("ip is not usable (program.ip)");
        var rules = Usable("ip")
            ? await _network.ReadRulesAsync(cancellationToken)
            : (Observed.Unread<ImmutableArray<IpRule>>("ip is not usable (program.ip)"), null);
        if (rules.JsonProblem is { } jsonProblem)
        {
            programs = programs.Select(p => p.Name == "ip" ? p with { JsonProblem = jsonProblem } : p).ToImmutableArray();
        }

        var ruleset = Usable("nft")
            ? await _network.ReadRulesetAsync(cancellationToken)
            : Observed.Unread<NftRuleset>("nft is not usable (program.nft)");

        var zeroTier = new ZeroTierProbe(files, host, machine.Time, resolver);
        var source = settings?.Overlay.Source as ZeroTierOverlaySource;
        var home = zeroTier.ReadHome(source?.HomeDirectory ?? ZeroTierOverlaySource.DefaultHomeDirectory);
        var network = source is null ? null : await zeroTier.LookAsync(settings!.Overlay, source, cancellationToken);

        return new DoctorFacts(
            host.IsRoot,
            config,
            ReadTunDevice(files),
            programs,
            _network.ReadSysctls(SysctlsToRead(links)),
            rules.Rules,
            links,
            ruleset,
            home,
            network,
            new FirewallProbe(files, host).Read(),
            new ClockProbe(files, host, machine.Time).Read(request.BuildDate, settings));
    }

    public void Dispose() => resolver.Dispose();

    private static IEnumerable<string> SysctlsToRead(Observed<ImmutableArray<IpLink>> links)
    {
        yield return SysctlNames.IpForward;
        yield return SysctlNames.Ipv6Forwarding;
        yield return SysctlNames.RpFilter("all");
        yield return SysctlNames.RpFilter("default");
        yield return SocketBufferCheck.ReceiveMax;
        yield return SocketBufferCheck.SendMax;
        if (links.TryGet(out var devices))
        {
            foreach (var device in devices)
            {
                yield return SysctlNames.RpFilter(device.Name);
            }
        }
    }

    private static TunDeviceFacts ReadTunDevice(IFileSystem files)
    {
        const string path = TunDeviceFacts.DefaultPath;
        try
        {
            var facts = files.Stat(path);
            return new TunDeviceFacts(path, facts.Exists, facts.Kind == FileKind.CharacterDevice, FileFacts.Describe(facts.Kind), facts.DeviceMajor, facts.DeviceMinor);
        }
        catch (IOException e)
        {
            return new TunDeviceFacts(path, false, false, $"unreadable ({e.Message})", null, null);
        }
    }
}
