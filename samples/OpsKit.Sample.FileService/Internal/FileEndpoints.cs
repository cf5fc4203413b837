using Npgsql;
using OpsKit.Redis;

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
    /// in PostgreSQL, then moves the file into place. 409 while another writer holds the lock, 503 when Redis, the storage
    /// root or PostgreSQL fails (the health checks say which).
    /// </summary>
    private static async Task<IResult> PutAsync(
        string path,
        HttpRequest request,
        FileStore store,
        MetadataStore metadata,
        IOpsDistributedLock locks,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (store.Resolve(path) is not { } target)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid path.");
        }

        var logger = loggers.CreateLogger(LoggerName);
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
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.StorageFailed(logger, target.Key, e);
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage is not writable.");
            }

            // Metadata first, then the file moves into place; a failed or cancelled upload leaves no temporary file behind.
            var created = false;
            var committed = false;
            try
            {
                await metadata.UpsertAsync(target.Key, size, request.ContentType, linked.Token).ConfigureAwait(false);
                created = FileStore.Commit(temp, target);
                committed = true;
            }
            catch (NpgsqlException e)
            {
                Log.MetadataFailed(logger, target.Key, e);
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Metadata store unavailable.");
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
    private static IResult Get(string path, FileStore store)
    {
        if (store.Resolve(path) is not { } target)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid path.");
        }

        return File.Exists(target.FullPath)
            ? Results.File(target.FullPath, "application/octet-stream", enableRangeProcessing: true)
            : Results.NotFound();
    }
}
