namespace Causeway.Engine.Seams;

/// <summary>Linux signal numbers the engine uses.</summary>
public static class UnixSignals
{
    public const int Hangup = 1;
    public const int Interrupt = 2;
    public const int Kill = 9;
    public const int User1 = 10;
    public const int Terminate = 15;
    public const int Stop = 19;
    public const int Continue = 18;
}
