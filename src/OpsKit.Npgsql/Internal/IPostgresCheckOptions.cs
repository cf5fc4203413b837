namespace OpsKit.Npgsql.Internal;

/// <summary>Links a check's options to the data source registration they belong to (not bindable from configuration).</summary>
internal interface IPostgresCheckOptions
{
    PostgresTarget? Target { get; set; }
}
