using System.Globalization;
using Causeway.Engine.Seams;

namespace Causeway.Lab.Bench;

/// <summary>A process's memory from /proc/&lt;pid&gt;/status, in kB as the kernel gives it.</summary>
/// <param name="RssKilobytes">VmRSS: resident now.</param>
/// <param name="PeakRssKilobytes">VmHWM: the most it was ever resident.</param>
public sealed record ProcessMemory(long RssKilobytes, long PeakRssKilobytes)
{
    public static ProcessMemory Parse(string statusText)
    {
        long Field(string name) =>
            statusText.Split('\n').FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal)) is { } line
                ? long.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)
                : throw new FormatException($"no {name} in /proc/<pid>/status");
        return new ProcessMemory(Field("VmRSS"), Field("VmHWM"));
    }

    /// <summary>The process's memory, or null if it is gone.</summary>
    public static ProcessMemory? Read(IFileSystem files, int pid)
    {
        try
        {
            return Parse(files.ReadAllText($"/proc/{pid}/status"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
