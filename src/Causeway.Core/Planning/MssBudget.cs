using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Causeway.Core.Planning;

/// <summary>
/// How large a TCP segment may be between any client device and the egress, so that no hop on this host has to
/// fragment (lossy through stacked tunnels) or drop a packet that says "don't fragment" (a black hole wherever the
/// ICMP "fragmentation needed" it answers with is filtered on the way back): every SYN between the two has its MSS
/// clamped to the smallest MTU of the hops less 40 bytes of IPv4 and TCP headers. Each host clamps at its own hops;
/// in a chain (Dinosaur: the VM, then the SBC) a connection's SYN crosses every host's clamp and ends with the
/// smallest MTU along the whole path. One clamp for all client devices rather than one per device: only an overlay
/// narrower than the tunnel makes them differ, which ZeroTier's 2800 never is.
/// </summary>
/// <param name="Hops">The client devices, then the egress.</param>
public sealed record MssBudget(ImmutableArray<MtuHop> Hops)
{
    /// <summary>IPv4 (20) and TCP (20) headers without options: what an MSS leaves out of the MTU.</summary>
    public const int HeaderBytes = 40;

    /// <summary>Never clamp below IPv4's minimum MSS (RFC 879), whatever a device says.</summary>
    public const int MinimumMss = 536;

    /// <summary>The narrowest hop with a known MTU; null when none is known (then the route's MTU is used per packet).</summary>
    public MtuHop? Narrowest => Hops.Where(h => h.Mtu is not null).MinBy(h => h.Mtu);

    /// <summary>The MSS every SYN between a client device and the egress is clamped to; null when no MTU is known.</summary>
    public int? Mss => Narrowest?.Mtu is { } mtu ? MssOf(mtu) : null;

    public static int MssOf(int mtu) => Math.Max(MinimumMss, mtu - HeaderBytes);

    /// <summary>The hops of <paramref name="inputs"/>: every client device (the egress's own excluded), then the egress.</summary>
    public static MssBudget For(PlanningInputs inputs)
    {
        var egress = inputs.Egress;
        var hops = ImmutableArray.CreateBuilder<MtuHop>();
        foreach (var client in inputs.Clients.Where(c => c.Name != egress.DeviceName))
        {
            hops.Add(new MtuHop(client.Name, "overlay", client.Mtu));
        }

        if (inputs.Access is { } access)
        {
            foreach (var device in access.Devices.Where(d => d.Name != egress.DeviceName))
            {
                var stream = access.ClampedDevices.Contains(device.Name);
                hops.Add(new MtuHop(
                    device.Name,
                    stream ? "access (OpenVPN over TCP)" : "access (OpenVPN over UDP)",
                    device.Mtu,
                    stream ? access.ClampedMss : null));
            }
        }

        hops.Add(new MtuHop(
            egress.DeviceName,
            egress.Gateway is { } gateway ? $"egress: overlay to the gateway {gateway}" : "egress: provider tunnel",
            egress.Mtu));
        return new MssBudget(hops.ToImmutable());
    }

    /// <summary>For `plan`: each hop's MTU and the clamp it leads to.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        var mss = Mss;
        text.AppendLine(mss is { } clamp
            ? $"MSS budget: TCP SYNs between clients and the egress are clamped to {clamp} (the narrowest hop's MTU {Narrowest!.Mtu} - {HeaderBytes})"
            : "MSS budget: no hop's MTU is known yet: TCP SYNs are clamped to the route's MTU");
        foreach (var hop in Hops)
        {
            var mtu = hop.Mtu is { } value ? value.ToString(CultureInfo.InvariantCulture) : "unknown";
            var inner = hop.InnerMss is { } stream ? $"; its own flows at most {stream}" : string.Empty;
            var narrowest = ReferenceEquals(hop, Narrowest) ? " (narrowest)" : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"  {hop.Device,-15} {hop.Role}: MTU {mtu}{narrowest}{inner}");
        }

        return text.ToString();
    }
}
