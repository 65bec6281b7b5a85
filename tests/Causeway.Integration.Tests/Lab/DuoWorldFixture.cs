namespace Causeway.Integration.Tests.Lab;

/// <summary>The Duo world for its check tests (a VM, two phones and a laptop take longer to build and check).</summary>
public sealed class DuoWorldFixture() : LabWorldFixture("duo", TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15));
