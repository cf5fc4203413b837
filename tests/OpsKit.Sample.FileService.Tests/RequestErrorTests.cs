using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;

namespace OpsKit.Sample.FileService.Tests;

/// <summary>
/// Client mistakes are answered as client mistakes (400, 409, 413), never as a storage outage (503) or a crash (500),
/// and leave neither a file nor a metadata row behind; names never reach the logs with control characters in them.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class RequestErrorTests(SharedServers shared)
{
    private const int MB = 1024 * 1024;

    [Fact]
    public async Task A_40_MB_upload_is_stored_under_the_configured_Kestrel_limit_of_10_GiB()
    {
        using var storage = new StorageDirectory();
        await using var host = await FileService.StartAsync(FileService.Settings(shared.Postgres, shared.Redis, "callfs-limits-large", storage.Path));

        using var response = await PutAsync(host, "/files/limits/large.bin", new StreamContent(new MemoryStream(new byte[40 * MB])));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(40 * MB, new FileInfo(Path.Combine(storage.Path, "limits", "large.bin")).Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_Kestrel_Limits_MaxRequestBodySize_is_413_and_leaves_no_file_or_metadata(bool withContentLength)
    {
        using var storage = new StorageDirectory();
        await using var host = await FileService.StartAsync(FileService.Settings(
            shared.Postgres, shared.Redis, "callfs-limits-small", storage.Path, extra: [("Kestrel:Limits:MaxRequestBodySize", MB.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        var path = $"/limits/too-large-{withContentLength}.bin";
        using var fits = await PutAsync(host, "/files/limits/fits.bin", new ByteArrayContent(new byte[MB / 2]));

        using var response = await PutExpectingContinueAsync(host, "/files" + path, withContentLength
            ? new ByteArrayContent(new byte[2 * MB])
            : new StreamContent(new UnknownLengthStream(2 * MB)));

        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(["fits.bin"], Directory.GetFiles(Path.Combine(storage.Path, "limits")).Select(Path.GetFileName));
        Assert.Equal(0, await MetadataRowsAsync(path));
    }

    [Theory]
    [InlineData("/files///")]
    [InlineData("/files/a//b")]
    [InlineData("/files/a/")]
    [InlineData("/files/names/a%0A2026-01-01%20info%3A%20forged")]
    [InlineData("/files/names/%1B%5B31mred%1B%5B0m.txt")]
    [InlineData("/files/names/tab%09name")]
    public async Task A_bad_name_is_400_and_stores_nothing(string requestPath)
    {
        using var storage = new StorageDirectory();
        await using var host = await FileService.StartAsync(FileService.Settings(shared.Postgres, shared.Redis, "callfs-names", storage.Path));

        using var response = await PutAsync(host, requestPath, new StringContent("x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Directory.GetFileSystemEntries(storage.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_250_character_name_is_stored_and_one_over_255_bytes_is_400()
    {
        using var storage = new StorageDirectory();
        await using var host = await FileService.StartAsync(FileService.Settings(shared.Postgres, shared.Redis, "callfs-long-names", storage.Path));
        var longest = new string('n', 250);

        using var stored = await PutAsync(host, "/files/names/" + longest, new StringContent("long"));
        using var tooLong = await PutAsync(host, "/files/names/" + new string('n', 256), new StringContent("x"));
        using var tooLongInBytes = await PutAsync(host, "/files/names/" + Uri.EscapeDataString(new string('é', 128)), new StringContent("x"));

        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        Assert.Equal("long", await File.ReadAllTextAsync(Path.Combine(storage.Path, "names", longest)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLongInBytes.StatusCode);
    }

    [Fact]
    public async Task A_PUT_onto_a_directory_or_under_a_file_is_409_and_leaves_no_metadata_row()
    {
        using var storage = new StorageDirectory();
        await using var host = await FileService.StartAsync(FileService.Settings(shared.Postgres, shared.Redis, "callfs-conflict", storage.Path));
        using var file = await PutAsync(host, "/files/conflict/dir/file.txt", new StringContent("inside"));

        using var ontoDirectory = await PutAsync(host, "/files/conflict/dir", new StringContent("x"));
        using var underFile = await PutAsync(host, "/files/conflict/dir/file.txt/child", new StringContent("x"));

        Assert.Equal(HttpStatusCode.Created, file.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, ontoDirectory.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, underFile.StatusCode);
        Assert.Equal(0, await MetadataRowsAsync("/conflict/dir"));
        Assert.Equal(0, await MetadataRowsAsync("/conflict/dir/file.txt/child"));
        Assert.Equal(["file.txt"], Directory.GetFileSystemEntries(Path.Combine(storage.Path, "conflict", "dir")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_name_with_a_newline_or_an_ANSI_escape_reaches_the_log_escaped_on_one_line()
    {
        using var storage = new StorageDirectory();
        await using var host = await FileService.StartAsync(
            FileService.Settings(shared.Postgres, shared.Redis, "callfs-log-names", storage.Path),
            builder => builder.Logging.AddFakeLogging());

        using var newline = await PutAsync(host, "/files/logs/a%0Ainfo%3A%20forged", new StringContent("x"));
        using var ansi = await PutAsync(host, "/files/logs/%1B%5B2Jcleared", new StringContent("x"));

        Assert.Equal(HttpStatusCode.BadRequest, newline.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, ansi.StatusCode);
        var logs = host.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        Assert.Contains(logs, r => r.Message.Contains(@"Rejected path logs/a\ninfo: forged", StringComparison.Ordinal));
        Assert.Contains(logs, r => r.Message.Contains(@"Rejected path logs/\u001B[2Jcleared", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, r => r.Message.Any(char.IsControl)
            || r.StructuredState?.Any(s => s.Value?.Any(char.IsControl) == true) == true);
    }

    private static Task<HttpResponseMessage> PutAsync(SampleHost host, string path, HttpContent content) =>
        host.SendAsync(HttpMethod.Put, path, "Bearer " + FileService.ApiKey, content);

    /// <summary>
    /// Sends as curl does for a large body (<c>Expect: 100-continue</c>): a request Kestrel refuses on its headers is
    /// answered before the client sends the body. Without it the client may still be sending when the server answers
    /// and closes, and see the connection reset instead of the 413.
    /// </summary>
    private static async Task<HttpResponseMessage> PutExpectingContinueAsync(SampleHost host, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + FileService.ApiKey);
        request.Headers.ExpectContinue = true;
        return await host.Client.SendAsync(request);
    }

    private async Task<long> MetadataRowsAsync(string path)
    {
        await using var connection = new NpgsqlConnection(shared.Postgres.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM files WHERE path = $1", connection);
        command.Parameters.AddWithValue(path);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A body of <c>length</c> zero bytes sent chunked (no Content-Length), so the limit is hit while reading.</summary>
    private sealed class UnknownLengthStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
