namespace OpsKit.Npgsql.Internal;

/// <summary>The client pool as Npgsql's meter reports it at one moment.</summary>
internal readonly record struct PoolReading(bool Found, int Busy, int Idle, int Max)
{
    public double Usage => Max > 0 ? (double)Busy / Max : 0;

    public bool IsFull => Found && Max > 0 && Busy >= Max;
}
