namespace Causeway.Lab.Probes;

/// <summary>The record types the lab's DNS probe asks for.</summary>
public enum DnsRecordType : ushort
{
    A = 1,
    Txt = 16,
    Aaaa = 28,
}
