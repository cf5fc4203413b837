namespace OpsKit.Hosting;

/// <summary>
/// Configuration checks that join OpsKit's one start-up report: the health engine runs every registered implementation
/// at start-up together with its own validation and each check's <c>IValidateOptions&lt;TOptions&gt;</c>, so a normal
/// start fails with every error at once and <c>--opskit-validate</c> prints them all and exits 1. Register an
/// implementation with <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IOpsStartupValidation, T&gt;())</c>.
/// </summary>
/// <remarks>
/// Each message names the configuration key it is about (<c>OpsKit:Rabbit:Queues:orders:Prefetch must be greater than
/// zero.</c>) and never contains a secret value; the report redacts secrets it knows of, but only those. Validation
/// must be quick and must not call a dependency: the report is also built when the host fails to start.
/// </remarks>
public interface IOpsStartupValidation
{
    /// <summary>Returns every configuration error; empty when the configuration is valid.</summary>
    /// <returns>One message per error.</returns>
    IEnumerable<string> Validate();
}
