namespace Causeway.Core.Config;

/// <summary>A 1-based line and column in the config file; <see cref="None"/> (0:0) when there is no place to point at.</summary>
public readonly record struct ConfigSourcePosition(int Line, int Column)
{
    public static readonly ConfigSourcePosition None = new(0, 0);

    public bool IsKnown => Line > 0;

    public override string ToString() => IsKnown ? $"{Line}:{Column}" : "?";
}
