namespace Causeway.Core.Management;

/// <summary>`>BYTECOUNT:in,out`: a client's link byte totals (after `bytecount N`), overhead included.</summary>
public sealed record ByteCountEvent(long BytesIn, long BytesOut) : ManagementEvent;
