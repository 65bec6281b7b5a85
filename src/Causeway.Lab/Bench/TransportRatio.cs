namespace Causeway.Lab.Bench;

/// <summary>The phone's median throughput over TCP 443 and over UDP 1194 in one direction ("both": the sums), and TCP / UDP.</summary>
/// <param name="To">"internet" (the whole way: VM, provider, internet) or "vm" (the access server's hop alone).</param>
/// <param name="Ratio">TcpMegabitsPerSecond / UdpMegabitsPerSecond; null without a UDP measurement.</param>
/// <param name="MeetsGoal">Ratio ≥ the report's goal.</param>
public sealed record TransportRatio(string To, string Direction, double UdpMegabitsPerSecond, double TcpMegabitsPerSecond, double? Ratio, bool MeetsGoal);
