namespace OpsKit.Security.Internal;

/// <summary>One row of the top-offender table: <see cref="Count"/> overestimates by at most <see cref="Error"/>.</summary>
internal readonly record struct Offender(string Address, long Count, long Error);
