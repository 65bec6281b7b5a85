using System.Collections.Concurrent;
using Causeway.Engine.Seams;

namespace Causeway.TestKit;

/// <summary>Every program is in /usr/sbin, except those the test says are missing; every lookup is recorded.</summary>
public sealed class FakePrograms : IPrograms
{
    public ConcurrentQueue<string> Resolved { get; } = new();

    public HashSet<string> Missing { get; } = new(StringComparer.Ordinal);

    public string Resolve(string program)
    {
        Resolved.Enqueue(program);
        return Missing.Contains(program)
            ? throw new InvalidOperationException($"{program} is not installed in /usr/sbin, /usr/bin, /sbin or /bin")
            : $"/usr/sbin/{program}";
    }
}
