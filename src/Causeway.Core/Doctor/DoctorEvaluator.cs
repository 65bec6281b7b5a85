using System.Collections.Immutable;
using Causeway.Core.Doctor.Checks;

namespace Causeway.Core.Doctor;

/// <summary>
/// `causeway doctor`'s findings from what it read of the host. Pure: the same facts give the same findings, so each
/// one is tested from facts (tests/Causeway.Core.Tests/Doctor); the reading is Engine.Doctor's.
/// </summary>
public static class DoctorEvaluator
{
    /// <summary>One finding per id of <see cref="DoctorFindingIds.All"/>, in that order.</summary>
    public static ImmutableArray<DoctorFinding> Evaluate(DoctorFacts facts)
    {
        var subject = DoctorSubject.From(facts);
        var findings = ImmutableArray.CreateBuilder<DoctorFinding>();
        findings.Add(ConfigCheck.Evaluate(subject));
        findings.Add(TunDeviceCheck.Evaluate(facts.TunDevice));
        foreach (var requirement in DoctorPrograms.All)
        {
            findings.Add(ProgramCheck.Evaluate(requirement, facts.Programs.FirstOrDefault(p => p.Name == requirement.Name)));
        }

        findings.Add(ForwardingCheck.Evaluate(facts, subject));
        findings.Add(ReversePathCheck.Evaluate(facts, subject));
        findings.Add(ZeroTierCheck.Token(facts, subject));
        findings.Add(ZeroTierCheck.Api(facts, subject));
        findings.Add(ZeroTierCheck.AllowDefault(facts, subject));
        findings.Add(BindDevicesCheck.Evaluate(facts, subject));
        findings.Add(UfwCheck.Evaluate(facts, subject));
        findings.Add(FirewalldCheck.Evaluate(facts, subject));
        findings.Add(DockerCheck.Evaluate(facts, subject));
        findings.Add(ForwardDropCheck.Evaluate(facts, subject));
        findings.Add(PolicyRoutingCheck.Evaluate(facts, subject));
        findings.Add(ClockCheck.Evaluate(facts.Clock));
        findings.Add(SocketBufferCheck.Evaluate(facts, subject));
        return findings.ToImmutable();
    }

    public static DoctorReport Report(DoctorFacts facts) =>
        DoctorReport.From(facts.Config.Settings?.ConfigPath, facts.IsRoot, Evaluate(facts));
}
