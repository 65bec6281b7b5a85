using System.Globalization;
using Causeway.Engine.Seams;

namespace Causeway.Engine.OpenVpn;

/// <summary>
/// What /proc says about a pid named by one of Causeway's pid files, read through the file seam: is it still a live
/// openvpn started with our config (so that a reused pid, or someone else's process, is never signalled)?
/// </summary>
public static class OpenVpnProcessFacts
{
    /// <summary>The pid in a pid file, or null if there is none or it is not a plausible pid.</summary>
    /// <exception cref="IOException">The file exists but cannot be read.</exception>
    public static int? ReadPidFile(IFileSystem files, string path)
    {
        if (!files.Stat(path).Exists)
        {
            return null;
        }

        var text = files.ReadAllText(path).Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 1 ? pid : null;
    }

    /// <summary>
    /// Alive (not gone, not a zombie) and started as `…openvpn … --config <paramref name="configPath"/> …`: its
    /// NUL-separated command line says so.
    /// </summary>
    public static bool IsOurLiveOpenVpn(IFileSystem files, int pid, string configPath)
    {
        try
        {
            var arguments = files.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            var program = arguments[0];
            var named = program == "openvpn" || program.EndsWith("/openvpn", StringComparison.Ordinal);
            var configured = Enumerable.Range(1, Math.Max(0, arguments.Length - 2))
                .Any(i => arguments[i] == "--config" && arguments[i + 1] == configPath);
            return named && configured && IsAlive(files, pid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Exists and is not a zombie (init reaps orphans late in namespaces and containers).</summary>
    public static bool IsAlive(IFileSystem files, int pid)
    {
        try
        {
            var stat = files.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat.LastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.Length || stat[afterName + 2] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
