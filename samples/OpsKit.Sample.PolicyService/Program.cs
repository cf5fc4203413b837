using Microsoft.Extensions.Options;
using OpsKit.Sample.PolicyService;

var app = PolicyServiceApp.Create(args);
try
{
    app.Run();
}
catch (OptionsValidationException ex)
{
    // "Container exits immediately": say which setting is wrong (never its value) and exit non-zero.
    foreach (var failure in ex.Failures)
    {
        Console.Error.WriteLine(failure);
    }

    Environment.ExitCode = 1;
}
