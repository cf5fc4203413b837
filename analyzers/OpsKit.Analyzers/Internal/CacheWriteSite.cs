using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// A call whose name and shape can be a cache write, found once per file for OPS0004 and OPS0005. It is bound (which
/// binds the whole member around it) only when a rule cannot settle it from its syntax, and then once for both.
/// </summary>
internal sealed class CacheWriteSite
{
    private readonly CacheEntryFacts _facts;
    private StrongBox<CacheWrite?>? _write;

    public CacheWriteSite(CacheEntryFacts facts, InvocationExpressionSyntax syntax)
    {
        _facts = facts;
        Syntax = syntax;
    }

    public InvocationExpressionSyntax Syntax { get; }

    /// <summary>
    /// The write, or null when the call is no write into a memory cache. The answer carries no token of one callback,
    /// and a cancelled binding leaves no answer behind for the next one.
    /// </summary>
    public CacheWrite? Write(SemanticModel model, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _write) is { } known)
        {
            return known.Value;
        }

        var write = model.GetOperation(Syntax, cancellationToken) is IInvocationOperation invocation && CacheWrite.IsCandidateName(invocation.TargetMethod.Name)
            ? CacheWrite.TryCreate(_facts, invocation, CancellationToken.None)
            : null;
        Volatile.Write(ref _write, new StrongBox<CacheWrite?>(write));
        return write;
    }
}
