namespace OpsKit.Health.Checks.Internal;

internal sealed class TcpDependencyCheckOptionsValidator : CheckOptionsValidator<TcpDependencyCheckOptions>
{
    protected override void Validate(string name, TcpDependencyCheckOptions options, List<string> failures)
    {
        CheckValidation.Required(failures, name, "Host", options.Host);
        CheckValidation.Port(failures, name, options.Port);
        CheckValidation.Positive(failures, name, "DegradedLatency", options.DegradedLatency);
    }
}
