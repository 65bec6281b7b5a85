namespace Causeway.Integration.Tests.Package;

/// <summary>What machine an ELF file is for, from its header (e_machine), as the kernel and qemu decide it.</summary>
public static class ElfMachine
{
    public const int X86_64 = 62;
    public const int Aarch64 = 183;

    /// <summary>e_machine of a 64-bit little-endian ELF file; throws if the file is not one.</summary>
    public static int Of(string path)
    {
        var header = new byte[20];
        using (var file = File.OpenRead(path))
        {
            file.ReadExactly(header);
        }

        if (header[0] != 0x7f || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F' || header[4] != 2 || header[5] != 1)
        {
            throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file");
        }

        return header[18] | (header[19] << 8);
    }
}
