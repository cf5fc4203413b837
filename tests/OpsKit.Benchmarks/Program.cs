using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "--analyzer-telemetry")
{
    await OpsKit.Benchmarks.Analyzers.AnalyzerTelemetry.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
