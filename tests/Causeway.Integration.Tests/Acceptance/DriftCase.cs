using Causeway.Engine.Seams;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>Someone changes one thing Causeway owns on the gateway; what they change, and how to see it.</summary>
/// <param name="Break">The change, as a command in the gateway's namespace (it must succeed).</param>
/// <param name="Observe">What the change touches, as text: repaired means equal to what it was before.</param>
public sealed record DriftCase(
    string Name,
    Func<LabGatewayFixture, Task<CommandResult>> Break,
    Func<LabGatewayFixture, Task<string>> Observe)
{
    public override string ToString() => Name;
}
