namespace Causeway.Cli.Dashboard;

/// <summary>One file of the dashboard: the path it is served at, its content type and its bytes.</summary>
public sealed record DashboardAsset(string Path, string ContentType, ReadOnlyMemory<byte> Content);
