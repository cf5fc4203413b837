using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OpsKit.Sample.PolicyService.Tests;

/// <summary>
/// <c>POST /policies/evaluate</c> is anonymous: its body is bounded (413 past <c>Kestrel:Limits:MaxRequestBodySize</c>,
/// 1 MiB), parsed from the stream, and malformed encodings are the client's mistake (400), never a 500 or 503.
/// </summary>
[Collection(PolicyServiceCollection.Name)]
public sealed class RequestBodyTests(PolicyDatabaseFixture database)
{
    private const int MB = 1024 * 1024;

    [Fact]
    public async Task Twenty_concurrent_28_MB_bodies_are_413_without_the_service_allocating_them()
    {
        // 28 MiB: just under Kestrel's default limit (30,000,000 bytes), which was the only bound before.
        const long size = 28L * MB;
        await using var host = await PolicyHost.StartAsync(database);
        await PolicyHost.WaitUntilReadyAsync(host);
        // As curl sends a large body: Content-Length and "Expect: 100-continue", so an early 413 spares the upload.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) }) { BaseAddress = host.Address };
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/policies/evaluate", UriKind.Relative))
            {
                Content = new StreamContent(new JsonPaddingStream(size)),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Content.Headers.ContentLength = size;
            request.Headers.ExpectContinue = true;
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.RequestEntityTooLarge, s));
        // 560 MB were offered; the service (and the test's own client, in this process) allocated a small part of it.
        Assert.True(allocated < 64L * MB, $"{allocated / MB} MB allocated for 20 rejected 28 MB bodies");
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413_once_1_MiB_has_been_read()
    {
        await using var host = await PolicyHost.StartAsync(database);
        await PolicyHost.WaitUntilReadyAsync(host);
        using var content = new StreamContent(new JsonPaddingStream(2L * MB));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await host.Client.PostAsync(new Uri("/policies/evaluate", UriKind.Relative), content);

        Assert.Null(content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_half_megabyte_input_within_the_limit_is_evaluated()
    {
        await using var host = await PolicyHost.StartAsync(database);
        await PolicyHost.WaitUntilReadyAsync(host);
        var body = $$$"""{"policy":"admin-only","input":{"role":"admin","notes":"{{{new string('n', MB / 2)}}}"}}""";

        using var response = await PostAsync(host, Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"allowed\":true", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invalid UTF-8 in the input", """{"policy":"admin-only","input":{"role":"ad#min"}}""")]
    [InlineData("invalid UTF-8 in the policy name", """{"policy":"admin#only","input":{}}""")]
    [InlineData("an escaped NUL in the input", """{"policy":"admin-only","input":{"role":"ad\u0000min"}}""")]
    [InlineData("an escaped NUL in the policy name", """{"policy":"admin-only\u0000","input":{}}""")]
    [InlineData("an escaped NUL in a property name", """{"policy":"admin-only","input":{"ro\u0000le":"admin"}}""")]
    [InlineData("an unpaired surrogate in the input", """{"policy":"admin-only","input":{"role":"\ud800"}}""")]
    [InlineData("an unpaired surrogate in the policy name", """{"policy":"\udc00","input":{}}""")]
    [InlineData("a raw NUL byte", "{\"policy\":\"admin-only\",\"input\":{\"role\":\"ad\0min\"}}")]
    [InlineData("truncated JSON", """{"policy":"admin-only","input":{"role":""")]
    public async Task A_malformed_encoding_is_400(string what, string json)
    {
        await using var host = await PolicyHost.StartAsync(database);
        await PolicyHost.WaitUntilReadyAsync(host);
        // '#' stands for the invalid UTF-8 bytes 0xC3 0x28 (a lead byte followed by a non-continuation byte).
        var bytes = Encoding.UTF8.GetBytes(json).SelectMany(b => b == (byte)'#' ? new byte[] { 0xC3, 0x28 } : [b]).ToArray();

        using var response = await PostAsync(host, bytes);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode}");
        Assert.Equal(200, await PolicyHost.EvaluateAsync(host, "admin-only"));
    }

    private static async Task<HttpResponseMessage> PostAsync(SampleHost host, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await host.Client.PostAsync(new Uri("/policies/evaluate", UriKind.Relative), content);
    }

    /// <summary>
    /// <c>{"policy":"admin-only","input":{"pad":"aaaa…</c> generated as it is read, <c>length</c> bytes in all (no array
    /// of that size in the test either); sent chunked unless the caller sets a Content-Length.
    /// </summary>
    private sealed class JsonPaddingStream(long length) : Stream
    {
        private static readonly byte[] Head = "{\"policy\":\"admin-only\",\"input\":{\"pad\":\""u8.ToArray();
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                var at = _position + i;
                buffer[offset + i] = at < Head.Length ? Head[at] : (byte)'a';
            }

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
