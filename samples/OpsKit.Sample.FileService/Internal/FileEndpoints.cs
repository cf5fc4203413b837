using Microsoft.AspNetCore.Http.Features;
using Npgsql;
using OpsKit.Redis;
using OpsKit.Samples;

namespace OpsKit.Sample.FileService.Internal;

/// <summary><c>PUT /files/{**path}</c> and <c>GET /files/{**path}</c>.</summary>
internal static class FileEndpoints
{
    private const string LoggerName = "OpsKit.Sample.FileService.Files";

    public static void Map(RouteGroupBuilder files)
    {
        files.MapPut("/{**path}", PutAsync);
        files.MapGet("/{**path}", Get);
    }

    /// <summary>
    /// Takes the path's Redis lock (<c>callfs:lock:/a/b</c>), streams the body to a temporary file, records the metadata
    /// in PostgreSQL and moves the file into place in one transaction. Client mistakes are the client's: 400 for a bad
    /// name, 409 while another writer holds the lock or when a directory is in the way, 413 for a body over
    /// <c>Kestrel:Limits:MaxRequestBodySize</c>; 503 only when Redis, the storage root or PostgreSQL fails.
    /// </summary>
    private static async Task<IResult> PutAsync(
        string path,
        HttpContext context,
        FileStore store,
        MetadataStore metadata,
        IOpsDistributedLock locks,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(LoggerName);
        if (store.Resolve(path, out var reason) is not { } target)
        {
            Log.InvalidPath(logger, LogText.Escape(path), reason ?? "invalid");
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid path.");
        }

        var request = context.Request;
        if (request.ContentLength > context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize)
        {
            return TooLarge(logger, target);
        }

        if (store.Conflict(target) is { } conflict)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict);
        }

        OpsLockHandle? handle;
        try
        {
            handle = await locks.TryAcquireAsync(FileServiceApp.LockPrefix + target.Key, cancellationToken).ConfigureAwait(false);
        }
        catch (OpsLockException e)
        {
            Log.LockUnavailable(logger, target.Key, e);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Lock service unavailable.");
        }

        if (handle is null)
        {
            Log.LockBusy(logger, target.Key);
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The file is being written by another request.");
        }

        await using (handle.ConfigureAwait(false))
        {
            // Stop writing when the lock is lost (its key expired or was deleted) as well as when the client goes away.
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, handle.HandleLostToken);
            string temp;
            long size;
            try
            {
                (temp, size) = await FileStore.WriteTempAsync(target, request.Body, linked.Token).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // Kestrel's body limit, hit while reading a chunked body (BadHttpRequestException is an IOException).
                return TooLarge(logger, target);
            }
            catch (BadHttpRequestException e)
            {
                return Results.Problem(statusCode: e.StatusCode, title: "Invalid request body.");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.StorageFailed(logger, target.Key, e);
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage is not writable.");
            }

            // The metadata row commits only once the file is in place; a failed or cancelled upload leaves no temporary file.
            bool created;
            var committed = false;
            try
            {
                created = await metadata.RecordAsync(target.Key, size, request.ContentType, () => FileStore.Commit(temp, target), linked.Token).ConfigureAwait(false);
                committed = true;
            }
            catch (NpgsqlException e)
            {
                Log.MetadataFailed(logger, target.Key, e);
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Metadata store unavailable.");
            }
            catch (IOException) when (store.Conflict(target) is { } raced)
            {
                // A directory appeared at the path (or a file at a parent) after the first look.
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: raced);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.StorageFailed(logger, target.Key, e);
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage is not writable.");
            }
            finally
            {
                if (!committed)
                {
                    File.Delete(temp);
                }
            }

            Log.Stored(logger, target.Key, size);
            var body = new StoredFile(target.Key, size);
            return created
                ? Results.Json(body, FileServiceJsonContext.Default.StoredFile, statusCode: StatusCodes.Status201Created)
                : Results.Json(body, FileServiceJsonContext.Default.StoredFile);
        }
    }

    /// <summary>Streams the file from disk (range requests supported); 404 when it does not exist.</summary>
    private static IResult Get(string path, FileStore store, ILoggerFactory loggers)
    {
        if (store.Resolve(path, out var reason) is not { } target)
        {
            Log.InvalidPath(loggers.CreateLogger(LoggerName), LogText.Escape(path), reason ?? "invalid");
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid path.");
        }

        return File.Exists(target.FullPath)
            ? Results.File(target.FullPath, "application/octet-stream", enableRangeProcessing: true)
            : Results.NotFound();
    }

    private static IResult TooLarge(ILogger logger, StoredPath target)
    {
        Log.BodyTooLarge(logger, target.Key);
        return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is larger than Kestrel:Limits:MaxRequestBodySize.");
    }
}
