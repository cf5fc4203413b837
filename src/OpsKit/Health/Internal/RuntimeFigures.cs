using System.Diagnostics;
using System.Runtime;
using System.Text.Json;

namespace OpsKit.Health.Internal;

/// <summary>The thread-pool, GC and process figures of the diagnostics bundle, read from the runtime at one moment.</summary>
internal static class RuntimeFigures
{
    public static void WriteThreadPool(Utf8JsonWriter json)
    {
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        ThreadPool.GetMaxThreads(out var maxWorkers, out var maxIo);
        ThreadPool.GetAvailableThreads(out var availableWorkers, out var availableIo);
        json.WriteStartObject();
        json.WriteNumber("threads", ThreadPool.ThreadCount);
        json.WriteNumber("pendingWorkItems", ThreadPool.PendingWorkItemCount);
        json.WriteNumber("completedWorkItems", ThreadPool.CompletedWorkItemCount);
        json.WriteNumber("minWorkerThreads", minWorkers);
        json.WriteNumber("maxWorkerThreads", maxWorkers);
        json.WriteNumber("busyWorkerThreads", maxWorkers - availableWorkers);
        json.WriteNumber("minIoThreads", minIo);
        json.WriteNumber("busyIoThreads", maxIo - availableIo);
        json.WriteEndObject();
    }

    public static void WriteGc(Utf8JsonWriter json)
    {
        var info = GC.GetGCMemoryInfo();
        json.WriteStartObject();
        json.WriteBoolean("serverGc", GCSettings.IsServerGC);
        json.WriteString("latencyMode", GCSettings.LatencyMode.ToString());
        json.WriteNumber("heapSizeBytes", info.HeapSizeBytes);
        json.WriteNumber("committedBytes", info.TotalCommittedBytes);
        json.WriteNumber("fragmentedBytes", info.FragmentedBytes);
        json.WriteNumber("totalAllocatedBytes", GC.GetTotalAllocatedBytes());
        json.WriteNumber("gen0Collections", GC.CollectionCount(0));
        json.WriteNumber("gen1Collections", GC.CollectionCount(1));
        json.WriteNumber("gen2Collections", GC.CollectionCount(2));
        json.WriteNumber("totalPauseMs", Math.Round(GC.GetTotalPauseDuration().TotalMilliseconds, 1));
        json.WriteNumber("pauseTimePercentage", Math.Round(info.PauseTimePercentage, 2));
        json.WriteEndObject();
    }

    public static void WriteProcess(Utf8JsonWriter json, DateTimeOffset now)
    {
        using var process = Process.GetCurrentProcess();
        json.WriteStartObject();
        json.WriteNumber("workingSetBytes", process.WorkingSet64);
        json.WriteNumber("privateMemoryBytes", process.PrivateMemorySize64);
        json.WriteNumber("threads", process.Threads.Count);
        json.WriteNumber("handles", process.HandleCount);
        json.WriteNumber("processorCount", Environment.ProcessorCount);
        json.WriteString("startTime", InfoEndpointHandler.ProcessStart);
        json.WriteNumber("uptimeSeconds", Math.Round(Math.Max(0, (now - InfoEndpointHandler.ProcessStart).TotalSeconds), 1));
        json.WriteEndObject();
    }
}
