using Causeway.Core.Planning;
using Xunit;

namespace Causeway.Core.Tests.Planning;

public sealed class PlannerTests
{
    [Fact]
    public void Renders_the_reference_table_byte_for_byte()
    {
        var desired = Planner.Plan(UnoExample.Settings(), UnoExample.OverlayFacts, UnoExample.Connected);

        Assert.Equal(FixtureFiles.Nft("causeway.nft"), desired.Nft.Text);
    }
}
