using Microsoft.Net.Http.Headers;

namespace OpsKit.Hosting.Internal;

/// <summary>How OpsKit's endpoints answer: a precomputed UTF-8 JSON body that no cache may keep.</summary>
internal static class JsonResponse
{
    public const string ContentType = "application/json; charset=utf-8";

    public static Task WriteAsync(HttpContext context, int statusCode, ReadOnlyMemory<byte> body)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        response.Headers[HeaderNames.CacheControl] = "no-store";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
