using System.Net;
using Causeway.Lab.Backbone;
using Causeway.Lab.Probes;
using Causeway.Lab.Worlds;
using static Causeway.Lab.Probes.ProbeVerdicts;

namespace Causeway.Lab.Duo;

/// <summary>
/// What the worlds with phones behind a VM (Duo, Dinosaur) probe alike: the phones reaching an overlay member, an
/// overlay member (the laptop) reaching the phones through the VM, and the phones' DNS; each says whether it held
/// and the evidence.
/// </summary>
internal static class PhoneOverlayProbes
{
    /// <summary>Each phone reaches <paramref name="target"/> (UDP and TCP echoes), which sees it as <paramref name="seenAs"/>.</summary>
    public static async Task<(bool Reached, string Evidence)> PhonesReachAsync(RunningWorld w, IReadOnlyList<string> phones, IPEndPoint target, string seenAs, CancellationToken ct)
    {
        var evidence = new List<string>();
        var passed = true;
        foreach (var phone in phones)
        {
            var udp = await w.EchoProbeAsync(phone, target, "udp", 5, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10), ct);
            var tcp = await w.EchoProbeAsync(phone, target, "tcp", 2, TimeSpan.FromSeconds(2), TimeSpan.Zero, ct);
            passed &= udp.Reached(seenAs) && tcp.Reached(seenAs);
            evidence.Add($"{phone}: {Describe(udp)}, {Describe(tcp)}");
        }

        return (passed, string.Join("; ", evidence));
    }

    /// <summary>
    /// The laptop reaches each phone's echo service at its tunnel address, its route there via <paramref name="vm"/>
    /// (the VM's overlay address: the managed route of the access pool), and the phone sees the laptop's own address.
    /// </summary>
    public static async Task<(bool Reached, string Evidence)> LaptopReachesPhonesAsync(RunningWorld w, AccessPhones access, IReadOnlyList<string> phones, IPAddress vm, CancellationToken ct)
    {
        var laptop = BackboneTopology.LaptopOverlayAddress.ToString();
        var evidence = new List<string>();
        var passed = true;
        foreach (var phone in phones)
        {
            var address = await access.TunnelAddressAsync(phone, ct);
            if (address is null)
            {
                passed = false;
                evidence.Add($"{phone} has no address in {DuoTopology.AccessPool}");
                continue;
            }

            var route = FirstLine((await w.Net.IpAsync("asking the laptop's route to a phone", w.Ns(BackboneTopology.Laptop), "route", "get", address.ToString())).StandardOutput);
            var target = new IPEndPoint(address, DuoTopology.PhoneEchoPort);
            var udp = await w.EchoProbeAsync(BackboneTopology.Laptop, target, "udp", 5, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10), ct);
            var tcp = await w.EchoProbeAsync(BackboneTopology.Laptop, target, "tcp", 2, TimeSpan.FromSeconds(2), TimeSpan.Zero, ct);
            passed &= udp.Reached(laptop) && tcp.Reached(laptop)
                && route.Contains($"via {vm} dev {BackboneTopology.OverlayDevice}", StringComparison.Ordinal);
            evidence.Add($"{phone} at {address} (the laptop's route: '{route}'): {Describe(udp)}, {Describe(tcp)}");
        }

        return (passed, string.Join("; ", evidence));
    }

    /// <summary>Each phone asks the DNS its server pushed (the access server's own address), over UDP and TCP: the provider's must answer.</summary>
    public static async Task<(bool ViaProvider, string Evidence)> DnsViaProviderAsync(RunningWorld w, CancellationToken ct)
    {
        var evidence = new List<string>();
        var passed = true;
        foreach (var (phone, server) in new[] { (DuoTopology.PhoneOpen, DuoTopology.AccessUdpServerAddress), (DuoTopology.PhoneCafe, DuoTopology.AccessTcpServerAddress) })
        {
            var target = new IPEndPoint(server, 53);
            foreach (var transport in new[] { "udp", "tcp" })
            {
                var answer = await w.DnsProbeAsync(phone, target, BackboneTopology.LabDnsName, "TXT", transport, TimeSpan.FromSeconds(3), ct);
                passed &= answer.Answered && answer.ResponseCode == 0 && answer.Answers.SequenceEqual([BackboneTopology.ProviderDnsTxt]);
                evidence.Add($"{phone} asked {target} ({transport}): {answer.Describe()}");
            }
        }

        return (passed, $"{string.Join("; ", evidence)} (the provider's server says {BackboneTopology.ProviderDnsTxt}, the internet's {BackboneTopology.InternetDnsTxt})");
    }

    public static string Describe(EchoProbeResult r) => $"{r.Answered}/{r.Requested} {r.Protocol} answered as {Seen(r.SeenAs)}";
}
