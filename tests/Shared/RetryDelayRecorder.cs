using Polly.Retry;
using Polly.Telemetry;

namespace OpsKit.Testing.Shared;

/// <summary>
/// A Polly telemetry listener that keeps the delay of every retry of one pipeline, in the order Polly reported them
/// (add it through <c>services.Configure&lt;TelemetryOptions&gt;(o =&gt; o.TelemetryListeners.Add(recorder))</c>).
/// </summary>
internal sealed class RetryDelayRecorder(string pipeline) : TelemetryListener
{
    private readonly List<(int Attempt, TimeSpan Delay)> _retries = [];

    /// <summary>Each retry's zero-based attempt number and the delay Polly waits before it.</summary>
    public IReadOnlyList<(int Attempt, TimeSpan Delay)> Retries
    {
        get
        {
            lock (_retries)
            {
                return [.. _retries];
            }
        }
    }

    public IReadOnlyList<TimeSpan> Delays => [.. Retries.Select(r => r.Delay)];

    public override void Write<TResult, TArgs>(in TelemetryEventArguments<TResult, TArgs> args)
    {
        if (args.Source.PipelineName == pipeline && args.Arguments is OnRetryArguments<TResult> retry)
        {
            lock (_retries)
            {
                _retries.Add((retry.AttemptNumber, retry.RetryDelay));
            }
        }
    }
}
