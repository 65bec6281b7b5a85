using System.Net;

namespace Causeway.Lab.Duo;

/// <summary>A phone straight on the internet router (an open network): its node, the router's end of its link, and both addresses (a /29).</summary>
public sealed record OpenNetworkPhone(string Node, string InternetSide, IPAddress InternetAddress, IPAddress Address);
