using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Primitives;
using OpsKit.Health;

namespace OpsKit.Grpc.Internal;

/// <summary>
/// <c>grpc.health.v1.Health</c> answered from <see cref="IOpsHealthState"/>: <c>Check</c> reads the current report,
/// <c>Watch</c> sends the status then one message per change, waiting on the state's change token.
/// </summary>
internal sealed class OpsGrpcHealthService(IOpsHealthState state) : global::Grpc.Health.V1.Health.HealthBase
{
    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        var verdict = GrpcHealthServices.Find(state.Current, request.Service)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "unknown service"));
        return Task.FromResult(GrpcHealthServices.Response(verdict));
    }

    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        var stopping = context.CancellationToken;
        HealthCheckResponse? sent = null;
        while (!stopping.IsCancellationRequested)
        {
            // The token is taken before the report is read, so a change between the two is never missed.
            var changed = state.GetChangeToken();
            var verdict = GrpcHealthServices.Find(state.Current, request.Service);
            var response = verdict is null ? GrpcHealthServices.Unknown : GrpcHealthServices.Response(verdict);
            if (!ReferenceEquals(response, sent))
            {
                await responseStream.WriteAsync(response, stopping).ConfigureAwait(false);
                sent = response;
            }

            if (!await WaitAsync(changed, stopping).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>True when <paramref name="token"/> fired, false when the call ended first.</summary>
    private static async Task<bool> WaitAsync(IChangeToken token, CancellationToken stopping)
    {
        if (token.HasChanged)
        {
            return true;
        }

        var fired = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onChange = token.RegisterChangeCallback(static s => ((TaskCompletionSource<bool>)s!).TrySetResult(true), fired);
        await using var onStop = stopping.Register(static s => ((TaskCompletionSource<bool>)s!).TrySetResult(false), fired).ConfigureAwait(false);
        return await fired.Task.ConfigureAwait(false);
    }
}
