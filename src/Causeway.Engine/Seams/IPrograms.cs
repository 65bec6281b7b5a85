namespace Causeway.Engine.Seams;

/// <summary>
/// Where the programs Causeway runs as root are: found in fixed system directories and checked to be root's alone
/// (<c>Linux.Platform.SystemPrograms</c>), never through $PATH.
/// </summary>
public interface IPrograms
{
    /// <summary>The absolute path to run for <paramref name="program"/>.</summary>
    /// <exception cref="InvalidOperationException">It is missing, or someone other than root could change it.</exception>
    string Resolve(string program);
}
