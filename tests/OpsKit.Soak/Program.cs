using System.Globalization;
using OpsKit.Soak;

var settings = SoakSettings.FromEnvironment();
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

Console.Error.WriteLine($"[soak] starting PostgreSQL, Redis, an upstream and {SoakEnvironment.Sample}; faults for {settings.Duration}");
await using var environment = await SoakEnvironment.StartAsync();
IReadOnlyList<ResourceSample> samples;
IReadOnlyList<FaultOutcome> faults;
long probes;
long errors;
await using (var storm = new ProbeStorm(environment.App.Address, settings.ProbesPerSecond))
{
    (samples, faults) = await new SoakRun(settings, environment, storm, Console.Error).RunAsync(cancel.Token);
    probes = storm.Requests;
    errors = storm.Errors;
}

var verdicts = SoakReport.Judge(settings, samples, faults, environment.Faults().Count, errors);
var header = string.Create(CultureInfo.InvariantCulture,
    $"Soak of {SoakEnvironment.Sample} on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {faults.Count} faults over {samples[^1].Seconds / 60:0.0} min, {probes:N0} requests at {settings.ProbesPerSecond} probes/s, check period {SoakSettings.CheckPeriod.TotalSeconds:0} s, timeout {SoakSettings.CheckTimeout.TotalSeconds:0} s, {Environment.ProcessorCount} CPUs.");
await SoakReport.WriteAsync(settings.OutputDirectory, samples, faults, verdicts, header);
Console.WriteLine(await File.ReadAllTextAsync(Path.Combine(settings.OutputDirectory, "report.md")));
var held = verdicts.All(v => v.Holds);
Console.WriteLine(held ? "soak: every bound held" : "soak: FAILED, see the bounds marked no");
return held ? 0 : 1;
