using Causeway.Engine.Seams;

namespace Causeway.TestKit;

/// <summary>An <see cref="IHostIdentity"/> that says what the test wants: root by default.</summary>
public sealed class FakeHostIdentity : IHostIdentity
{
    public bool IsRoot { get; set; } = true;

    public int ProcessId { get; set; } = 4242;

    public static FakeHostIdentity Root() => new() { IsRoot = true };

    public static FakeHostIdentity User() => new() { IsRoot = false };
}
