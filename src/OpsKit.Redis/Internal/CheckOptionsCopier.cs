using OpsKit.Health;

namespace OpsKit.Redis.Internal;

internal static class CheckOptionsCopier
{
    /// <summary>Copies the keys every check has from options set in code onto the named options instance.</summary>
    public static void CopyCommon(OpsHealthCheckOptions from, OpsHealthCheckOptions to)
    {
        to.Critical = from.Critical ?? to.Critical;
        to.Tags = from.Tags is { } tags ? [.. tags] : to.Tags;
        to.Period = from.Period ?? to.Period;
        to.Timeout = from.Timeout ?? to.Timeout;
    }
}
