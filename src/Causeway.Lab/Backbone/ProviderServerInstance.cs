namespace Causeway.Lab.Backbone;

/// <summary>An extra OpenVPN server on the provider (same PKI, its own port, device and client network).</summary>
public sealed record ProviderServerInstance(int Port, string Device, string Network);
