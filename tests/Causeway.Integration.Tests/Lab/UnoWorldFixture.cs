namespace Causeway.Integration.Tests.Lab;

/// <summary>The Uno world for its check tests.</summary>
public sealed class UnoWorldFixture() : LabWorldFixture("uno", TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(10));
