namespace Causeway.Core.Profiles;

/// <summary>What the sanitizer does with one option of a provider profile.</summary>
internal enum DirectiveDisposition
{
    /// <summary>Describes the connection and can neither run code nor touch files: kept (normalized).</summary>
    Keep,

    /// <summary>Key or certificate material: kept inline; a file it names is read and inlined.</summary>
    Material,

    /// <summary>Common in provider files but Causeway's business (routes, DNS, device, scripts …): dropped with a warning.</summary>
    Strip,

    /// <summary>Could run code or read or write files, or defeats Causeway: the profile is refused.</summary>
    Refuse,
}
