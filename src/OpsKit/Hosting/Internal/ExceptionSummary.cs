namespace OpsKit.Hosting.Internal;

/// <summary>
/// One line for an exception that an operator reads: the exception type, its message and the root cause's, at most
/// 300 characters. Never a stack trace; callers redact the result.
/// </summary>
internal static class ExceptionSummary
{
    private const int MaxLength = 300;

    public static string Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        // The outermost message usually says what failed; the innermost why. Name the outer type, as operators
        // grep for it, and append the root cause when it adds something.
        var root = exception.GetBaseException();
        var message = FirstLine(exception.Message);
        if (!ReferenceEquals(root, exception))
        {
            var rootMessage = FirstLine(root.Message);
            if (rootMessage.Length > 0 && !message.Contains(rootMessage, StringComparison.OrdinalIgnoreCase))
            {
                message = message.Length == 0 ? rootMessage : message + ": " + rootMessage;
            }
        }

        return Trim(exception.GetType().Name + (message.Length == 0 ? string.Empty : ": " + message));
    }

    public static string Trim(string message) =>
        message.Length <= MaxLength ? message : message[..(MaxLength - 1)] + "…";

    private static string FirstLine(string message)
    {
        var end = message.AsSpan().IndexOfAny('\r', '\n');
        return (end < 0 ? message : message[..end]).Trim();
    }
}
