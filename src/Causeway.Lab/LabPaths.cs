namespace Causeway.Lab;

/// <summary>Where lab worlds keep their files.</summary>
public static class LabPaths
{
    public const string DefaultRoot = "/run/causeway-lab";
}
