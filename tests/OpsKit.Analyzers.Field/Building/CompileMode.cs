namespace OpsKit.Analyzers.Field.Building;

/// <summary>How much of a project's references the compilation gets.</summary>
internal enum CompileMode
{
    /// <summary>Reference packs and project references only: the IDE before (or without) a successful restore.</summary>
    Half,

    /// <summary>Also the project's packages, as far as they restore from this machine's package source.</summary>
    Restored,
}
