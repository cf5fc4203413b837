using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>The registration OPS0004 and OPS0005 share: each judges the memory-cache writes of a compilation.</summary>
internal static class CacheWriteAction
{
    /// <summary>
    /// Reports <paramref name="descriptor"/> on every cache write for which <paramref name="isMistake"/> holds; while
    /// the caching package is not referenced, <paramref name="whenUnresolved"/> (if any) judges the files instead.
    /// </summary>
    public static void Register(
        AnalysisContext context,
        DiagnosticDescriptor descriptor,
        Func<CacheWrite, bool> isMistake,
        Action<CompilationStartAnalysisContext, CacheFiles>? whenUnresolved = null)
    {
        context.RegisterCompilationStartAction(compilationStart =>
        {
            if (ProjectProperties.IsTestProject(compilationStart.Options))
            {
                return;
            }

            if (!CacheEntryFacts.IsReferenced(compilationStart.Compilation))
            {
                whenUnresolved?.Invoke(compilationStart, CacheFiles.For(compilationStart.Compilation));
                return;
            }

            // Only a file that imports Microsoft.Extensions.Caching.Memory (a using directive, a global using, its
            // namespace) can call the write methods, extension methods of that namespace (CreateEntry, a member of the
            // cache types, is found in the same files), and only one whose text names a write method as a whole word
            // (Set, not Settings) writes. A compilation with no such file registers nothing and looks up no type; in
            // the others, only the invocations at the names' offsets are bound, once for both rules (whichever asks
            // first finds them).
            var files = CacheFiles.For(compilationStart.Compilation);
            if (!files.AnyMayWrite(compilationStart.CancellationToken) || CacheEntryFacts.For(compilationStart.Compilation) is not { } facts)
            {
                return;
            }

            compilationStart.RegisterSemanticModelAction(c =>
            {
                foreach (var write in facts.WritesIn(c.SemanticModel, c.CancellationToken))
                {
                    if (isMistake(write))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(descriptor, write.Location));
                    }
                }
            });
        });
    }

    /// <summary>The writes into a memory cache in one file, found at the offsets of the write names.</summary>
    public static ImmutableArray<CacheWrite> Find(CacheEntryFacts facts, SemanticModel model, CancellationToken cancellationToken)
    {
        var tree = model.SyntaxTree;
        var files = CacheFiles.For(facts.Compilation);
        if (!files.MayWrite(tree, cancellationToken))
        {
            return [];
        }

        // The writes are kept per compilation for both rules, so they carry no token of one callback: a cancelled
        // callback must not leave answers behind that fail for the next one.
        var root = tree.GetRoot(cancellationToken);
        var writes = ImmutableArray.CreateBuilder<CacheWrite>();
        foreach (var offset in files.Of(tree, cancellationToken).WriteNameOffsets)
        {
            if (Invocation(root.FindToken(offset)) is { } syntax
                && model.GetOperation(syntax, cancellationToken) is IInvocationOperation invocation
                && CacheWrite.IsCandidateName(invocation.TargetMethod.Name)
                && CacheWrite.TryCreate(facts, invocation, CancellationToken.None) is { } write)
            {
                writes.Add(write);
            }
        }

        return writes.ToImmutable();
    }

    /// <summary>
    /// The call a write name stands in, when its shape can be a write: a member call with at least the arguments a
    /// write takes (<c>Set(key, value)</c>, <c>GetOrCreate(key, factory)</c>, <c>CreateEntry(key)</c>); an EF
    /// <c>Set&lt;T&gt;()</c> or a property named Set never binds.
    /// </summary>
    public static InvocationExpressionSyntax? Invocation(SyntaxToken token)
    {
        if (token.Parent is not SimpleNameSyntax name || !CacheWrite.IsCandidateName(token.ValueText))
        {
            return null;
        }

        var invoked = name.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == name => access,
            MemberBindingExpressionSyntax binding => binding,
            _ => (ExpressionSyntax)name,
        };
        if (invoked.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != invoked)
        {
            return null;
        }

        var minimum = token.ValueText == "CreateEntry" ? 1 : 2;
        return invocation.ArgumentList.Arguments.Count >= minimum ? invocation : null;
    }
}
