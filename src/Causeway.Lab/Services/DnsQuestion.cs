namespace Causeway.Lab.Services;

/// <summary>The question of a DNS message: a lowercase name without the trailing dot, a type and a class.</summary>
public sealed record DnsQuestion(string Name, ushort Type, ushort Class);
