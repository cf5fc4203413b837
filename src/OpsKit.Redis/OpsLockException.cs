namespace OpsKit.Redis;

/// <summary>Thrown when a distributed lock cannot be acquired because Redis is unavailable (as opposed to taken).</summary>
public sealed class OpsLockException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OpsLockException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed, without secrets.</param>
    public OpsLockException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What failed, without secrets.</param>
    /// <param name="innerException">The Redis error.</param>
    public OpsLockException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
