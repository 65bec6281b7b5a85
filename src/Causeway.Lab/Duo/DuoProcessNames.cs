using Causeway.Lab.Backbone;

namespace Causeway.Lab.Duo;

/// <summary>Names of the processes a Duo world runs besides the backbone's (<see cref="BackboneProcessNames"/>), as recorded in its state file.</summary>
public static class DuoProcessNames
{
    public const string LaptopEcho = "laptop-echo";

    /// <summary>A phone's stock `openvpn --config PROFILE`.</summary>
    public static string PhoneOpenVpn(string phone) => $"{phone}-openvpn";

    public static string PhoneEcho(string phone) => $"{phone}-echo";
}
