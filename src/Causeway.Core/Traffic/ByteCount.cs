namespace Causeway.Core.Traffic;

/// <summary>Bytes both ways, from this host's side: sent (transmitted by it) and received.</summary>
public sealed record ByteCount(long Sent, long Received)
{
    public static readonly ByteCount Zero = new(0, 0);

    public ByteCount Plus(ByteCount other) => new(Sent + other.Sent, Received + other.Received);
}
