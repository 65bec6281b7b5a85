namespace Causeway.Core.Management;

/// <summary>`>BYTECOUNT_CLI:cid,in,out`: a server's totals for one client (in = received from that client).</summary>
public sealed record ClientByteCountEvent(long ClientId, long BytesIn, long BytesOut) : ManagementEvent;
