using System.Buffers;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpsKit.Samples;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace OpsKit.Sample.CachingProxy;

/// <summary>
/// Serves <c>/artifacts/{backend}/{path}</c>: from the memory cache when present; otherwise from the backend's OpsKit client
/// with <see cref="HttpCompletionOption.ResponseHeadersRead"/>, caching bodies up to <c>MaxCachedArtifactBytes</c> and
/// streaming larger ones chunk by chunk to the response (never the whole body in memory). A backend that fails before the
/// response starts gives 502; one that stalls mid-stream (idle-read timeout) aborts the response, so the client sees a cut
/// transfer instead of a short file.
/// </summary>
internal sealed class ArtifactProxy(
    IHttpClientFactory clients,
    [FromKeyedServices(ArtifactProxy.CacheName)] IMemoryCache cache,
    BackendNames backends,
    IOptionsMonitor<ArtifactVaultOptions> options,
    ArtifactVaultMetrics metrics,
    ILogger<ArtifactProxy> logger)
{
    public const string CacheName = "artifacts";

    private const string OctetStream = "application/octet-stream";

    public async Task ServeAsync(HttpContext context, string backend, string path)
    {
        if (!backends.Contains(backend))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // No artefact repository names a file with control characters: refuse them before they reach a backend or a log line.
        if (path.Any(char.IsControl))
        {
            Log.InvalidPath(logger, backend, LogText.Escape(path));
            metrics.Request(backend, "rejected");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // The query string is part of the key because it is forwarded (an upstream may select content by it), so it is
        // bounded: artefact repositories need none, and each unique one would be a cache entry of its own.
        var query = context.Request.QueryString.Value ?? string.Empty;
        var settings = options.CurrentValue;
        if (query.Length > settings.MaxQueryStringLength)
        {
            metrics.Request(backend, "rejected");
            context.Response.StatusCode = StatusCodes.Status414UriTooLong;
            return;
        }

        var key = backend + "/" + path + query;
        if (cache.TryGetValue(key, out CachedArtifact? cached) && cached is not null)
        {
            metrics.Request(backend, "hit");
            await WriteAsync(context, backend, cached).ConfigureAwait(false);
            return;
        }

        var aborted = context.RequestAborted;
        HttpResponseMessage response;
        try
        {
            // A path from the root: OpsKit rebases it onto the endpoint's base URL (and onto a backup's on failover).
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/" + path + query, UriKind.Relative));
            response = await clients.CreateClient(backend).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsBackendFailure(ex) && !aborted.IsCancellationRequested)
        {
            Log.BackendFailed(logger, backend, LogText.Escape(path), ex.GetType().Name);
            metrics.Request(backend, "backend_error");
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            await context.Response.WriteAsync("Backend not responding", aborted).ConfigureAwait(false);
            return;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                metrics.Request(backend, "backend_error");
                context.Response.StatusCode = (int)response.StatusCode == StatusCodes.Status404NotFound
                    ? StatusCodes.Status404NotFound
                    : StatusCodes.Status502BadGateway;
                return;
            }

            var contentType = response.Content.Headers.ContentType?.ToString() ?? OctetStream;
            var length = response.Content.Headers.ContentLength;
            var body = await response.Content.ReadAsStreamAsync(aborted).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                if (length is { } small && small <= settings.MaxCachedArtifactBytes)
                {
                    await CacheAndServeAsync(context, backend, path, key, body, (int)small, contentType).ConfigureAwait(false);
                }
                else
                {
                    await StreamAsync(context, backend, path, body, length, contentType, settings.StreamBufferBytes).ConfigureAwait(false);
                }
            }
        }
    }

    private static bool IsBackendFailure(Exception ex) =>
        ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TimeoutException or OperationCanceledException;

    private async Task CacheAndServeAsync(HttpContext context, string backend, string path, string key, Stream body, int length, string contentType)
    {
        var content = new byte[length];
        try
        {
            await body.ReadExactlyAsync(content, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or HttpRequestException)
        {
            Log.TransferInterrupted(logger, backend, LogText.Escape(path), 0, ex.GetType().Name);
            metrics.Request(backend, "backend_error");
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        var artifact = new CachedArtifact(content, contentType);
        cache.Set(key, artifact, new MemoryCacheEntryOptions { Size = artifact.SizeUnder(key) });
        metrics.Request(backend, "miss");
        await WriteAsync(context, backend, artifact).ConfigureAwait(false);
    }

    private async Task WriteAsync(HttpContext context, string backend, CachedArtifact artifact)
    {
        context.Response.ContentType = artifact.ContentType;
        context.Response.ContentLength = artifact.Content.Length;
        await context.Response.Body.WriteAsync(artifact.Content, context.RequestAborted).ConfigureAwait(false);
        metrics.Served(backend, artifact.Content.Length);
    }

    private async Task StreamAsync(HttpContext context, string backend, string path, Stream body, long? length, string contentType, int bufferBytes)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = length;
        var buffer = ArrayPool<byte>.Shared.Rent(bufferBytes);
        long copied = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, bufferBytes), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted).ConfigureAwait(false);
                copied += read;
            }

            metrics.Request(backend, "streamed");
            Log.TransferComplete(logger, backend, LogText.Escape(path), copied);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or HttpRequestException && !context.RequestAborted.IsCancellationRequested)
        {
            // Headers (200, Content-Length) are gone already: cut the connection so the client cannot take a short body for a whole one.
            Log.TransferInterrupted(logger, backend, LogText.Escape(path), copied, ex.GetType().Name);
            metrics.Request(backend, "interrupted");
            context.Abort();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            metrics.Served(backend, copied);
        }
    }
}
