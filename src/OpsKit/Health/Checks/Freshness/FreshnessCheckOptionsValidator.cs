namespace OpsKit.Health.Checks.Internal;

internal sealed class FreshnessCheckOptionsValidator : CheckOptionsValidator<FreshnessCheckOptions>
{
    protected override void Validate(string name, FreshnessCheckOptions options, List<string> failures)
    {
        CheckValidation.Required(failures, name, "Path", options.Path);
        CheckValidation.Positive(failures, name, "MaxAge", options.MaxAge, required: true);
    }
}
