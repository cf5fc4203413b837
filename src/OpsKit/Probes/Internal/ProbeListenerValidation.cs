using OpsKit.Hosting;

namespace OpsKit.Probes.Internal;

/// <summary>Reports invalid probe ports with the engine's start-up report (and in <c>--opskit-validate</c>).</summary>
internal sealed class ProbeListenerValidation(IOptions<OpsProbeListenerOptions> options) : IOpsStartupValidation
{
    public IEnumerable<string> Validate()
    {
        OpsProbeListenerOptions value;
        try
        {
            value = options.Value;
        }
        catch (InvalidOperationException)
        {
            // A value that does not convert is reported by the configuration validation, with its key.
            return [];
        }

        return [.. ProbePorts.Validate(value)];
    }
}
