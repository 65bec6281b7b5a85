using Causeway.Core.Model;

namespace Causeway.Core.Doctor.Checks;

/// <summary>
/// `socket-buffers`: the kernel silently caps OpenVPN's socket buffers at net.core.rmem_max and wmem_max, global
/// limits Causeway never raises itself (<see cref="SocketBufferCap"/>); below egress.socket_buffer_bytes, the tunnel
/// loses more packets when the CPU is busy.
/// </summary>
public static class SocketBufferCheck
{
    public const string ReceiveMax = "net.core.rmem_max";
    public const string SendMax = "net.core.wmem_max";

    public static DoctorFinding Evaluate(DoctorFacts facts, DoctorSubject subject)
    {
        var id = DoctorFindingIds.SocketBuffers;
        var requested = subject.SocketBufferBytes;
        var check = $"{ReceiveMax} and {SendMax} are at least egress.socket_buffer_bytes ({requested}){subject.DefaultsNote}";
        if (subject.IsOverlayGateway)
        {
            return DoctorFinding.Ok(id, check, "not needed: this host runs no provider tunnel ([egress] overlay_gateway)");
        }

        if (requested <= 0)
        {
            return DoctorFinding.Ok(id, check, "egress.socket_buffer_bytes is 0: OpenVPN keeps the system's default buffers");
        }

        if (!long.TryParse(facts.Sysctl(ReceiveMax), out var receive) || !long.TryParse(facts.Sysctl(SendMax), out var send))
        {
            return DoctorFinding.Unchecked(id, check, $"{ReceiveMax} or {SendMax} could not be read");
        }

        if (SocketBufferCap.Warning(requested, receive, send) is null)
        {
            return DoctorFinding.Ok(id, check, $"{ReceiveMax}={receive}, {SendMax}={send}");
        }

        return DoctorFinding.Warning(id, check,
            $"{ReceiveMax}={receive}, {SendMax}={send}: OpenVPN gets about {2 * Math.Min(receive, send)} bytes of the {requested} it asks for, and the tunnel loses more packets when the CPU is busy",
            $"sysctl -w {ReceiveMax}={requested} {SendMax}={requested} && printf '{ReceiveMax} = {requested}\\n{SendMax} = {requested}\\n' > /etc/sysctl.d/60-causeway.conf");
    }
}
