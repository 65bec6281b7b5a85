using System.Collections.Immutable;
using Causeway.Core.Doctor;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Doctor;

/// <summary>Finds each program `up` requires where Causeway runs it from (never $PATH), and asks it its version.</summary>
public sealed class ProgramProbe(IPrograms programs, ICommandRunner commands)
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(10);

    public async Task<ImmutableArray<ProgramFacts>> ProbeAsync(CancellationToken cancellationToken)
    {
        var found = ImmutableArray.CreateBuilder<ProgramFacts>();
        foreach (var requirement in DoctorPrograms.All)
        {
            found.Add(await ProbeAsync(requirement, cancellationToken));
        }

        return found.ToImmutable();
    }

    private async Task<ProgramFacts> ProbeAsync(ProgramRequirement requirement, CancellationToken cancellationToken)
    {
        string path;
        try
        {
            path = programs.Resolve(requirement.Name);
        }
        catch (InvalidOperationException e)
        {
            return ProgramFacts.Missing(requirement.Name, requirement.Package, e.Message);
        }

        if (requirement.VersionArguments.Length == 0)
        {
            return new ProgramFacts(requirement.Name, requirement.Package, path, null, null);
        }

        string output;
        try
        {
            // Whatever the exit code: OpenVPN before 2.6 exits 1 after printing its version.
            var result = await commands.RunAsync(
                new CommandSpec(requirement.Name, [.. requirement.VersionArguments], Timeout: VersionTimeout), cancellationToken);
            output = (result.StandardOutput + "\n" + result.StandardError).Trim();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
        {
            output = $"({e.Message})";
        }

        return new ProgramFacts(requirement.Name, requirement.Package, path, null, output);
    }
}
