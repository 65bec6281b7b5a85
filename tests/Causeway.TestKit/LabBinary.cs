namespace Causeway.TestKit;

/// <summary>
/// The lab's NativeAOT binary: $CAUSEWAY_LAB_BIN (set by build.sh test), else artifacts/causeway-lab in the
/// repository. It builds the test worlds and runs <see cref="CausewayBinary"/> on their gateways.
/// </summary>
public static class LabBinary
{
    public static string Path => CausewayBinary.Find("CAUSEWAY_LAB_BIN", "causeway-lab");
}
