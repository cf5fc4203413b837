namespace OpsKit.Health.Checks.Internal;

internal sealed class ClockSkewCheckOptionsValidator : CheckOptionsValidator<ClockSkewCheckOptions>
{
    protected override void Validate(string name, ClockSkewCheckOptions options, List<string> failures)
    {
        CheckValidation.HttpUrl(failures, name, "Url", options.Url);
        CheckValidation.Positive(failures, name, "DegradedAfter", options.DegradedAfter);
    }
}
