using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OpsKit.Benchmarks.Datastores;

/// <summary>
/// BenchmarkDotNet's short run, in process: the generated out-of-process project does not inherit the repository's
/// NuGet settings (NU1603 for DistributedLock.Core fails its restore), and the servers live in this process anyway.
/// </summary>
public sealed class InProcessShortRun : ManualConfig
{
    public InProcessShortRun() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
}
