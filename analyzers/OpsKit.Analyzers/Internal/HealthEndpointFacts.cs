using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// What one type (the top-level Program, a Program with Main, a Startup class, or in a library the static class
/// that maps endpoints for its apps) does with health checks: does it build or configure a web app, does it map an
/// endpoint (and where), does it register checks, does the app go where the rules cannot tell. OPS0001 and OPS0002
/// are both decided from these facts at the end of the compilation.
/// </summary>
internal sealed class HealthEndpointFacts
{
    private readonly object _gate = new();
    private Location? _creation;
    private Location? _run;
    private Location? _devOnlyMapping;
    private readonly List<(Location Location, string Method)> _registrations = [];
    private readonly List<HandedCall> _handed = [];

    public HealthEndpointFacts(Location? startupConfigure, bool isLibraryType)
    {
        StartupConfigure = startupConfigure;
        IsLibraryType = isLibraryType;
    }

    /// <summary>The name of a Startup class's Configure method, when the type is one.</summary>
    public Location? StartupConfigure { get; }

    /// <summary>A static class of a library (an Aspire ServiceDefaults project) with extension methods on the app.</summary>
    public bool IsLibraryType { get; }

    public bool IsAppType => StartupConfigure is not null || Creation is not null;

    public Location? Creation { get { lock (_gate) { return _creation; } } }

    public Location? Run { get { lock (_gate) { return _run; } } }

    public Location? DevelopmentOnlyMapping { get { lock (_gate) { return _devOnlyMapping; } } }

    public bool Mapped { get; private set; }

    public bool Escaped { get; private set; }

    public IReadOnlyList<(Location Location, string Method)> Registrations
    {
        get { lock (_gate) { return _registrations.ToArray(); } }
    }

    internal void AddCreation(Location location)
    {
        lock (_gate) { _creation = First(_creation, location); }
    }

    internal void AddRun(Location location)
    {
        lock (_gate) { _run = First(_run, location); }
    }

    internal void AddMapping(Location location, bool developmentOnly)
    {
        lock (_gate)
        {
            if (developmentOnly)
            {
                _devOnlyMapping = First(_devOnlyMapping, location);
            }
            else
            {
                Mapped = true;
            }
        }
    }

    /// <summary>The calls that hand the app to another method, decided at the end of the compilation.</summary>
    public IReadOnlyList<HandedCall> Handed
    {
        get { lock (_gate) { return _handed.ToArray(); } }
    }

    internal void AddHanded(HandedCall call)
    {
        lock (_gate) { _handed.Add(call); }
    }

    internal void AddRegistration(Location location, string method)
    {
        lock (_gate) { _registrations.Add((location, method)); }
    }

    internal void MarkEscaped()
    {
        lock (_gate) { Escaped = true; }
    }

    // Operation actions run concurrently and in any order: keep the first location in source order.
    private static Location First(Location? current, Location candidate)
        => current is null || candidate.SourceSpan.Start < current.SourceSpan.Start ? candidate : current;
}
