namespace Causeway.Core.ZeroTier;

/// <summary>
/// The Linux interface name zerotier-one gives a network (osdep/LinuxEthernetTap.cpp): "zt" + 8 base32 symbols
/// of the low 40 bits of (nwid XOR nwid >> 24). Stable for a given network id, so it is the same on every member.
/// The daemon's `portDeviceName` wins when present (a `devicemap` entry or a name collision changes it).
/// </summary>
public static class ZeroTierInterfaceName
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <param name="networkId">16 hex digits.</param>
    /// <param name="trial">The daemon's retry counter: it adds 1 while the name is taken by another interface.</param>
    public static string Derive(string networkId, int trial = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trial);
        var nwid = ZeroTierIdentifiers.ParseNetworkId(networkId);
        var value = ((nwid ^ (nwid >> 24)) + (ulong)trial) & 0xFF_FFFF_FFFFUL;
        Span<char> name = stackalloc char[10];
        name[0] = 'z';
        name[1] = 't';

        // 40 bits = 8 symbols of 5 bits, most significant first (the C code packs 5 big-endian bytes the same way).
        for (var i = 0; i < 8; i++)
        {
            name[2 + i] = Alphabet[(int)((value >> (35 - (5 * i))) & 0x1F)];
        }

        return new string(name);
    }
}
