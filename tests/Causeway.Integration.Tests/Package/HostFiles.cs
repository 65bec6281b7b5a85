using System.Security.Cryptography;
using Causeway.Engine.Seams;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Package;

/// <summary>Owner, group and mode of paths on this host, and snapshots of files to compare byte for byte.</summary>
public static class HostFiles
{
    private static readonly ProcessCommandRunner Runner = new();

    /// <summary>
    /// e.g. "root:causeway drwxr-x---": what `ls -l` shows of it (stat's %A), or "missing". Symlinks are not followed.
    /// </summary>
    public static async Task<string> DescribeAsync(string path)
    {
        var result = await Runner.RunAsync(CommandSpec.Of("stat", "--format=%U:%G %A", "--", path), CancellationToken.None);
        return result.Succeeded ? result.StandardOutput.Trim() : "missing";
    }

    /// <summary>
    /// Every file and directory under the roots: path → owner:group mode, plus a SHA-256 of each file's bytes. Two
    /// equal snapshots mean nothing was changed, added or removed there.
    /// </summary>
    public static async Task<string> SnapshotAsync(params string[] roots)
    {
        var lines = new List<string>();
        foreach (var root in roots)
        {
            Assert.True(Directory.Exists(root), $"{root} is missing");
            foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Prepend(root).Order(StringComparer.Ordinal))
            {
                var hash = File.Exists(path) ? " " + Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(path))) : string.Empty;
                lines.Add($"{path} {await DescribeAsync(path)}{hash}");
            }
        }

        return string.Join('\n', lines);
    }
}
