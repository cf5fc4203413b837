using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// What one method of this compilation that takes the app does with it, collected from the operations the driver
/// hands to the rule (so the rule never binds the method itself): the evidence its own calls give, and the methods it
/// hands the app on to, which are decided only at the end of the compilation and only if the outcome still depends on
/// them.
/// </summary>
internal sealed class HelperSummary
{
    private readonly object _gate = new();
    private readonly List<HandedCall> _handed = [];
    private MappingEvidence _evidence;
    private bool _complete;

    public MappingEvidence Evidence
    {
        get { lock (_gate) { return _evidence; } }
    }

    public IReadOnlyList<HandedCall> Handed
    {
        get { lock (_gate) { return _handed.ToArray(); } }
    }

    public void Add(MappingEvidence evidence)
    {
        lock (_gate) { _evidence = AppCallClassifier.Combine(_evidence, evidence); }
    }

    /// <summary>Set when the driver has run every action of the method's block: only then does the summary say everything.</summary>
    public bool IsComplete
    {
        get { lock (_gate) { return _complete; } }
    }

    public void MarkComplete()
    {
        lock (_gate) { _complete = true; }
    }

    public void AddHanded(IMethodSymbol method, bool inDevelopment)
    {
        lock (_gate) { _handed.Add(new HandedCall(method, inDevelopment, location: null)); }
    }
}
