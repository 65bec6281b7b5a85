namespace Causeway.Core.Doctor;

/// <param name="Detail">The error when it could not be read; empty otherwise.</param>
public sealed record ZeroTierTokenFacts(string Path, ZeroTierTokenState State, string Detail = "");
