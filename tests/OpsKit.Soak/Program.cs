using System.Globalization;
using OpsKit.Soak;

if (args is [ProberProcess.Argument, var address, var rate])
{
    return await ProberProcess.RunAsync(new Uri(address), int.Parse(rate, CultureInfo.InvariantCulture));
}

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
Dictionary<string, SortedDictionary<string, int>> censuses;
int faultsPerCycle;
long probes;
long errors;
var proberRealTime = false;
using var serverTimer = ServerProbeTimer.Start(environment.App.ProcessId);
await using (var prober = ProberProcess.Start(environment.App.Address, settings.ProbesPerSecond))
{
    proberRealTime = await SoakEnvironment.RaiseProberPriorityAsync(prober.ProcessId);
    await SoakEnvironment.LowerOwnPriorityAsync();
    var run = new SoakRun(settings, environment, prober, serverTimer, Console.Error);
    (samples, faults) = await run.RunAsync(cancel.Token);
    censuses = run.Censuses;
    faultsPerCycle = run.FaultsPerCycle;
    var totals = await prober.TakeWindowAsync(cancel.Token);
    probes = totals.Requests;
    errors = totals.Errors;
}

var verdicts = SoakReport.Judge(settings, samples, faults, faultsPerCycle, errors);
var header = string.Create(CultureInfo.InvariantCulture,
    $"Soak of {SoakEnvironment.Sample} on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {faults.Count} faults over {samples[^1].Seconds / 60:0.0} min, {probes:N0} requests at {settings.ProbesPerSecond} probes/s, check period {SoakSettings.CheckPeriod.TotalSeconds:0} s, timeout {SoakSettings.CheckTimeout.TotalSeconds:0} s, {Environment.ProcessorCount} CPUs, the prober {(proberRealTime ? "in the real-time class (chrt -r 1)" : $"at nice {SoakSettings.ProberNice}")}.");
await SoakReport.WriteAsync(settings.OutputDirectory, samples, faults, verdicts, censuses, header);
Console.WriteLine(await File.ReadAllTextAsync(Path.Combine(settings.OutputDirectory, "report.md")));
var held = verdicts.All(v => v.Holds);
Console.WriteLine(held ? "soak: every bound held" : "soak: FAILED, see the bounds marked no");
return held ? 0 : 1;
