using Causeway.Core.Doctor;
using Causeway.Engine.Daemon;
using Causeway.Engine.Preflight;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Doctor;

/// <summary>
/// Reads the config as `plan` does (the config, the provider profile, the files they name), and tells apart what
/// doctor treats differently from bad input: no file at the default path, and a file only root may read.
/// </summary>
public sealed class DoctorConfigProbe(IFileSystem files, IHostIdentity host)
{
    public DoctorConfigFacts Read(DoctorRequest request)
    {
        var path = Path.GetFullPath(request.ConfigPath);
        FileFacts facts;
        try
        {
            facts = files.Stat(path);
        }
        catch (IOException) when (!host.IsRoot)
        {
            return new DoctorConfigFacts(path, DoctorConfigState.NeedsRoot, []);
        }

        if (!facts.Exists && request.ConfigIsDefault)
        {
            return DoctorConfigFacts.Absent(path);
        }

        if (facts.Exists && !host.IsRoot && !Readable(path))
        {
            return new DoctorConfigFacts(path, DoctorConfigState.NeedsRoot, []);
        }

        var read = new GatewayInputsReader(files, host).Read(path, PreflightOptions.Doctor);
        return read.Settings is { } settings && !read.HasErrors
            ? DoctorConfigFacts.Loaded(settings, read.Findings)
            : new DoctorConfigFacts(path, DoctorConfigState.Invalid, read.Findings);
    }

    private bool Readable(string path)
    {
        try
        {
            files.ReadInputFile(path, InputFiles.ConfigMaxBytes);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            // Refused for another reason (a FIFO, too large): the reader says why, as bad input.
            return true;
        }
    }
}
