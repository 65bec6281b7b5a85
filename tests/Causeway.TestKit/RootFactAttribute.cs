using System.Runtime.CompilerServices;
using Xunit;

namespace Causeway.TestKit;

/// <summary>A fact that needs root: skipped, saying so, when the tests do not run as root.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        Skip = RootUser.SkipReason;
        SkipType = typeof(RootUser);
        SkipUnless = nameof(RootUser.IsRoot);
    }
}
