using System.Net;
using Causeway.Core.Config;
using Causeway.Core.Model;

namespace Causeway.Core.Tests.Planning;

/// <summary>
/// The reference Duo inputs: Uno's overlay, LAN, tunnel and names (<see cref="UnoExample"/>) plus [access] as the
/// loader makes it from the keys given (an empty section: UDP 1194 and TCP 443 on halves of 10.9.0.0/24). Its nft
/// table is Fixtures/nft/causeway-duo.nft.
/// </summary>
internal static class DuoExample
{
    public const string Udp = "tuncw-udp";
    public const string Tcp = "tuncw-tcp";

    public static AccessSettings Access(string keys = "")
    {
        var result = ConfigLoader.Load(
            """
            [overlay]
            interface = "zt2nvuuqiv"
            subnets = ["10.222.0.0/24", "fdcc:ca5e::/64"]
            allow_lan = ["192.168.1.0/24"]

            [egress]
            profile = "provider.ovpn"

            [access]

            """ + keys,
            "/etc/causeway/causeway.toml");
        return result.Settings?.Access ?? throw new InvalidOperationException(string.Join('\n', result.Diagnostics));
    }

    public static CausewaySettings Settings(string keys = "") => UnoExample.Settings() with { Access = Access(keys) };

    public static Causeway.Core.Planning.DesiredState Plan(string keys = "", TunnelFacts? tunnel = null) =>
        Causeway.Core.Planning.Planner.Plan(Settings(keys), UnoExample.OverlayFacts, tunnel ?? UnoExample.Connected);

    public static IPNetwork Net(string text) => IPNetwork.Parse(text);
}
