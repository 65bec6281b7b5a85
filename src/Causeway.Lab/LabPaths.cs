namespace Causeway.Lab;

/// <summary>Where lab worlds keep their files, and the defaults of `causeway-lab`.</summary>
public static class LabPaths
{
    public const string DefaultRoot = "/run/causeway-lab";

    /// <summary>Every namespace of a world is named prefix + node, e.g. cw-sbc.</summary>
    public const string DefaultPrefix = "cw-";

    public const string DefaultWorld = "uno";

    /// <summary>The cloud VM with access servers, and phones.</summary>
    public const string DuoWorld = "duo";

    /// <summary>The phone behind a UDP-blocking café, through the cloud VM and the overlay to the home sbc and its provider.</summary>
    public const string DinosaurWorld = "dinosaur";

    /// <summary>The world's state file, under its directory.</summary>
    public const string StateFileName = "lab.json";
}
