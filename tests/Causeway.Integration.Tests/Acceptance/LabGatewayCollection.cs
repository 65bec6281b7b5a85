using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// The daemon tests share one lab world and run one after another (they start, signal and stop `causeway up` on
/// the same gateway), never in parallel with each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LabGatewayCollection : ICollectionFixture<LabGatewayFixture>
{
    public const string Name = "acceptance: one lab gateway";
}
