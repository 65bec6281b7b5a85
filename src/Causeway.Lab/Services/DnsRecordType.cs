namespace Causeway.Lab.Services;

/// <summary>The record types the lab's DNS speaks.</summary>
public enum DnsRecordType : ushort
{
    A = 1,
    Txt = 16,
    Aaaa = 28,
}
