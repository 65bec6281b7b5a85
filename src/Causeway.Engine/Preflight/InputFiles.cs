using System.Text;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Preflight;

/// <summary>
/// The bounds of the files Causeway is given rather than writes itself, read through
/// <see cref="IFileSystem.ReadInputFile"/> only: a FIFO, a device, a socket or a directory is refused without
/// blocking, and nothing larger than its bound is read (a config that is /dev/zero would otherwise grow until the
/// process is killed). Each bound is far above what a real file of its kind needs.
/// </summary>
public static class InputFiles
{
    /// <summary>The TOML config: a few kilobytes in practice.</summary>
    public const long ConfigMaxBytes = 1 << 20;

    /// <summary>The provider profile: usually under 20 KiB, with every certificate and a CRL inline well under 1 MiB.</summary>
    public const long ProfileMaxBytes = 4 << 20;

    /// <summary>A file the profile names (ca, cert, key, tls-auth, crl-verify …): a large provider CRL stays under it.</summary>
    public const long ReferencedFileMaxBytes = 4 << 20;

    /// <summary>The auth file: a username and a password line (OpenVPN reads at most 4 KiB of each).</summary>
    public const long AuthMaxBytes = 64 << 10;

    /// <summary>
    /// Reads and decodes as <see cref="File.ReadAllText(string)"/> does (UTF-8 unless a byte order mark says
    /// otherwise; invalid bytes become U+FFFD), so the checks that follow see what they always saw.
    /// </summary>
    /// <exception cref="InputFileRefusedException">Not a regular file, or larger than <paramref name="maxBytes"/>.</exception>
    public static string ReadText(IFileSystem files, string path, long maxBytes) => Decode(files.ReadInputFile(path, maxBytes));

    public static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>What to do about a refused file: a special file is never right; a large one is the wrong file.</summary>
    public static string FixFor(InputFileRefusedException refused, string what) =>
        refused.Problem.StartsWith("is larger", StringComparison.Ordinal)
            ? $"check that this is the {what} you meant"
            : $"give the path of the {what} itself, a regular file";
}
