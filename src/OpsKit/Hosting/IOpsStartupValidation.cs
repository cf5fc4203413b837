namespace OpsKit.Hosting;

/// <summary>
/// Configuration checks of an OpsKit capability (resilience, caching, telemetry …) that the health engine runs at
/// start-up together with its own, so a normal start fails with every error at once and <c>--opskit-validate</c>
/// prints them all. Each message names the configuration key and never contains a secret value.
/// </summary>
internal interface IOpsStartupValidation
{
    /// <summary>Returns every configuration error; empty when the configuration is valid.</summary>
    IEnumerable<string> Validate();
}
