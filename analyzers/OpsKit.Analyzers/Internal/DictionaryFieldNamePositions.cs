using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Where the names of the static dictionary fields visible outside their type occur in the compilation's files: any file
/// may write into such a field. Every file is searched once for the names of all the fields the rule can judge together,
/// the first time a field needs it, rather than once per field. Generated files are not searched: their writes are not
/// the project's own code (<see cref="GeneratedCode"/>).
/// </summary>
internal sealed class DictionaryFieldNamePositions
{
    private readonly Compilation _compilation;
    private readonly AnalyzerOptions _options;
    private readonly List<VariableDeclaratorSyntax> _declarators;
    private readonly Func<IFieldSymbol, bool> _isCandidate;
    private SharedNames? _found;

    /// <param name="compilation">The compilation.</param>
    /// <param name="options">The analyzer options (they can say which files are generated).</param>
    /// <param name="declarators">The static fields visible outside their type, as the declarations say.</param>
    /// <param name="isCandidate">Whether the rule judges a field at all (its key and value types).</param>
    public DictionaryFieldNamePositions(Compilation compilation, AnalyzerOptions options, List<VariableDeclaratorSyntax> declarators, Func<IFieldSymbol, bool> isCandidate)
    {
        _compilation = compilation;
        _options = options;
        _declarators = declarators;
        _isCandidate = isCandidate;
    }

    /// <summary>
    /// The files where the name occurs, with where it occurs (among the other names: the caller checks the token). A
    /// name the declarations did not see as shared (a static field of an interface, public without saying so) is
    /// searched for on its own.
    /// </summary>
    public List<(SyntaxTree Tree, List<int> Positions)> Of(string name, CancellationToken cancellationToken)
    {
        // A race computes the same answer twice at worst.
        var found = _found ??= SearchShared(cancellationToken);
        return Array.IndexOf(found.Names, name) >= 0 ? found.Files : Search([name], cancellationToken);
    }

    private SharedNames SearchShared(CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        SemanticModel? model = null;
        foreach (var declarator in _declarators)
        {
            if (model?.SyntaxTree != declarator.SyntaxTree)
            {
#pragma warning disable RS1030 // Only the few shared fields' declarations; the driver caches semantic models per tree.
                model = _compilation.GetSemanticModel(declarator.SyntaxTree);
#pragma warning restore RS1030
            }

            if (model.GetDeclaredSymbol(declarator, cancellationToken) is IFieldSymbol field && _isCandidate(field) && DictionaryFieldReferences.EnclosingScope(field) is null)
            {
                names.Add(field.Name);
            }
        }

        string[] searched = [.. names];
        return new SharedNames(searched, searched.Length == 0 ? [] : Search(searched, cancellationToken));
    }

    private List<(SyntaxTree Tree, List<int> Positions)> Search(string[] names, CancellationToken cancellationToken)
    {
        var found = new List<(SyntaxTree Tree, List<int> Positions)>();
        foreach (var tree in _compilation.SyntaxTrees)
        {
            var text = tree.GetText(cancellationToken);
            if (!GeneratedCode.IsLongAndGenerated(tree, text, _options, cancellationToken)
                && SourceTextSearch.PositionsInPlace(text, names) is { } positions
                && !GeneratedCode.IsGenerated(tree, _options, cancellationToken))
            {
                found.Add((tree, positions));
            }
        }

        return found;
    }

    private sealed class SharedNames(string[] names, List<(SyntaxTree Tree, List<int> Positions)> files)
    {
        public string[] Names { get; } = names;

        public List<(SyntaxTree Tree, List<int> Positions)> Files { get; } = files;
    }
}
