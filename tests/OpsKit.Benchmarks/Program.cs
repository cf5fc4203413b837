using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] is "--analyzer-telemetry" or "--analyzer-telemetry-per-file")
{
    var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
    await OpsKit.Benchmarks.Analyzers.AnalyzerTelemetry.RunAsync(runs, perFile: args[0] == "--analyzer-telemetry-per-file");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
