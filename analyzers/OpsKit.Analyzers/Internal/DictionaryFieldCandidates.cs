using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// The dictionary fields of one compilation that the rule judges, as the driver hands them over, kept by the file that
/// declares them until that file's semantic model is analyzed. A field handed over after its file was analyzed is kept
/// for the end of the compilation.
/// </summary>
internal sealed class DictionaryFieldCandidates
{
    private readonly object _gate = new();
    private readonly Dictionary<SyntaxTree, List<IFieldSymbol>> _byTree = [];
    private readonly HashSet<SyntaxTree> _analyzedTrees = [];
    private readonly List<IFieldSymbol> _late = [];
    private readonly HashSet<string> _sharedNames = new(System.StringComparer.Ordinal);
    private readonly Compilation _compilation;
    private DictionaryFieldNamePositions? _sharedNamePositions;

    public DictionaryFieldCandidates(Compilation compilation) => _compilation = compilation;

    /// <summary>
    /// Where the names of the non-private static fields occur: the files are searched once for all the names known when
    /// a field first needs it (a name handed over later is searched for on its own).
    /// </summary>
    public DictionaryFieldNamePositions SharedNamePositions
    {
        get
        {
            lock (_gate)
            {
                return _sharedNamePositions ??= new DictionaryFieldNamePositions(_compilation, [.. _sharedNames]);
            }
        }
    }

    public void Add(IFieldSymbol field)
    {
        var tree = field.DeclaringSyntaxReferences[0].SyntaxTree;
        lock (_gate)
        {
            if (field.IsStatic && field.DeclaredAccessibility != Accessibility.Private)
            {
                _sharedNames.Add(field.Name);
            }

            if (_analyzedTrees.Contains(tree))
            {
                _late.Add(field);
            }
            else
            {
                if (!_byTree.TryGetValue(tree, out var fields))
                {
                    _byTree.Add(tree, fields = []);
                }

                fields.Add(field);
            }
        }
    }

    /// <summary>The candidates declared in the tree, or null; any handed over afterwards are late.</summary>
    public List<IFieldSymbol>? TakeFor(SyntaxTree tree)
    {
        lock (_gate)
        {
            _analyzedTrees.Add(tree);
            if (_byTree.TryGetValue(tree, out var fields))
            {
                _byTree.Remove(tree);
                return fields;
            }

            return null;
        }
    }

    /// <summary>The candidates whose file was analyzed before they were handed over, or never analyzed.</summary>
    public List<IFieldSymbol> TakeLate()
    {
        lock (_gate)
        {
            var late = new List<IFieldSymbol>(_late);
            foreach (var fields in _byTree.Values)
            {
                late.AddRange(fields);
            }

            _late.Clear();
            _byTree.Clear();
            return late;
        }
    }
}
