using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpsKit.Analyzers.Internal;

/// <summary>
/// Decides whether a tag literal reaches the <c>tags</c> parameter of a dependency registration from the declarations
/// the call's name can bind to, without binding the call. Binding any expression in a method body binds the whole body
/// and, in a project with nullable reference types, runs nullable analysis over it: in a top-level Program whose
/// statements sit in one <c>try</c> block, that is the whole program for one registration. The candidates are the
/// extension methods of that name on a health checks builder in this compilation's source and in the referenced
/// dependency check packages; when they disagree, or when the check type decides (<c>AddCheck&lt;T&gt;</c>), there is no
/// answer and the caller binds.
/// </summary>
internal sealed class DependencyCallCandidates
{
    private readonly Compilation _compilation;
    private readonly DependencyChecks _checks;
    private readonly Func<ITypeSymbol, bool> _isBuilder;
    private readonly Lazy<INamedTypeSymbol?> _frameworkRegistrations;

    public DependencyCallCandidates(Compilation compilation, DependencyChecks checks, Func<ITypeSymbol, bool> isBuilder)
    {
        _compilation = compilation;
        _checks = checks;
        _isBuilder = isBuilder;
        _frameworkRegistrations = new Lazy<INamedTypeSymbol?>(
            () => compilation.GetBestTypeByMetadataName("Microsoft.Extensions.DependencyInjection.HealthChecksBuilderAddCheckExtensions", "Microsoft.Extensions.Diagnostics.HealthChecks"));
    }

    /// <param name="call">The call the literal is an argument of.</param>
    /// <param name="literal">The tag literal: the argument itself, or an element written in it (see <see cref="IsWrittenElementOf"/>).</param>
    /// <param name="argument">The argument of <paramref name="call"/> that holds the literal.</param>
    /// <param name="configured">The methods configured as dependency registrations.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    /// <returns>True or false when every candidate that fits the call's arguments agrees; null otherwise.</returns>
    public bool? Decide(InvocationExpressionSyntax call, LiteralExpressionSyntax literal, ArgumentSyntax argument, ImmutableHashSet<string> configured, CancellationToken cancellationToken)
    {
        var direct = literal.Parent == argument;
        if (!direct && !IsWrittenElementOf(literal, argument))
        {
            return null;
        }

        if (call.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "AddCheck" or "AddTypeActivatedCheck" } generic })
        {
            return DecideCheckType(generic, call.ArgumentList, argument, direct);
        }

        if (call.Expression is not MemberAccessExpressionSyntax { Name: IdentifierNameSyntax { Identifier.ValueText: var name } }
            || name is "AddCheck" or "AddTypeActivatedCheck"
            || DependencyChecks.OpsKitDependencyMethods.Contains(name))
        {
            return null;
        }

        return Unanimous(
            Candidates(name, cancellationToken),
            method => ParameterOf(method, call.ArgumentList, argument) is { } parameter
                ? IsTag(parameter, direct) && (RuleOptions.MatchesMethod(configured, method) || _checks.IsDependencyMethod(method, cancellationToken))
                : null);
    }

    /// <summary>
    /// <c>AddCheck&lt;T&gt;</c> and <c>AddTypeActivatedCheck&lt;T&gt;</c>: the framework's overloads decide whether the literal
    /// is a tag, and the check types of this compilation's source with T's name decide whether it is a dependency.
    /// </summary>
    private bool? DecideCheckType(GenericNameSyntax generic, ArgumentListSyntax arguments, ArgumentSyntax argument, bool direct)
    {
        var typeName = generic.TypeArgumentList.Arguments.Count == 1
            ? generic.TypeArgumentList.Arguments[0] switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                QualifiedNameSyntax { Right: IdentifierNameSyntax identifier } => identifier.Identifier.ValueText,
                _ => null,
            }
            : null;
        if (typeName is null || _frameworkRegistrations.Value is not { } registrations)
        {
            return null;
        }

        var isTag = Unanimous(
            registrations.GetMembers(generic.Identifier.ValueText),
            member => member is IMethodSymbol { Arity: 1 } method && ParameterOf(method, arguments, argument) is { } parameter ? IsTag(parameter, direct) : null);
        if (isTag != true)
        {
            return isTag;
        }

        return Unanimous(
            _compilation.GetSymbolsWithName(typeName, SymbolFilter.Type),
            symbol => symbol is INamedTypeSymbol type ? _checks.IsDependencyType(type) : null);
    }

    /// <summary>A literal that is the argument itself is a tag only in a <c>params</c> array of tags.</summary>
    private static bool IsTag(IParameterSymbol parameter, bool direct) => parameter.Name == "tags" && (!direct || parameter.IsParams);

    /// <summary>The verdict every item that has one agrees on; null when none has one or two disagree.</summary>
    private static bool? Unanimous<T>(IEnumerable<T> items, Func<T, bool?> verdictOf)
    {
        bool? verdict = null;
        foreach (var item in items)
        {
            if (verdictOf(item) is not { } current)
            {
                continue;
            }

            if (verdict is { } earlier && earlier != current)
            {
                return null;
            }

            verdict = current;
        }

        return verdict;
    }

    /// <summary>Whether the literal is an element written in the argument itself: <c>["live"]</c>, <c>new[] { "live" }</c>, <c>new List&lt;string&gt; { "live" }</c>.</summary>
    private static bool IsWrittenElementOf(LiteralExpressionSyntax literal, ArgumentSyntax argument)
        => literal.Parent switch
        {
            ExpressionElementSyntax { Parent: CollectionExpressionSyntax collection } => collection.Parent == argument,
            InitializerExpressionSyntax { Parent: ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or BaseObjectCreationExpressionSyntax } initializer
                => (initializer.IsKind(SyntaxKind.ArrayInitializerExpression) || initializer.IsKind(SyntaxKind.CollectionInitializerExpression))
                    && initializer.Parent?.Parent == argument,
            _ => false,
        };

    private IEnumerable<IMethodSymbol> Candidates(string name, CancellationToken cancellationToken)
    {
        if (_compilation.ContainsSymbolsWithName(name, SymbolFilter.Member, cancellationToken))
        {
            foreach (var symbol in _compilation.GetSymbolsWithName(name, SymbolFilter.Member, cancellationToken))
            {
                if (symbol is IMethodSymbol method)
                {
                    yield return method;
                }
            }
        }

        foreach (var type in _checks.PackageExtensionTypes)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IMethodSymbol method)
                {
                    yield return method;
                }
            }
        }
    }

    /// <summary>The parameter the argument goes to when the method can take the call's arguments; null when it cannot.</summary>
    private IParameterSymbol? ParameterOf(IMethodSymbol method, ArgumentListSyntax arguments, ArgumentSyntax argument)
    {
        var parameters = method.Parameters;
        if (!method.IsExtensionMethod || parameters.Length < 2 || !_isBuilder(parameters[0].Type))
        {
            return null;
        }

        var covered = new bool[parameters.Length];
        covered[0] = true;
        IParameterSymbol? target = null;
        for (var position = 0; position < arguments.Arguments.Count; position++)
        {
            var current = arguments.Arguments[position];
            var index = current.NameColon is { } nameColon
                ? IndexOf(parameters, nameColon.Name.Identifier.ValueText)
                : position + 1 < parameters.Length ? position + 1 : parameters[parameters.Length - 1].IsParams ? parameters.Length - 1 : -1;
            if (index < 0)
            {
                return null;
            }

            covered[index] = true;
            if (current == argument)
            {
                target = parameters[index];
            }
        }

        for (var i = 1; i < parameters.Length; i++)
        {
            if (!covered[i] && !parameters[i].IsOptional && !parameters[i].IsParams)
            {
                return null;
            }
        }

        return target;
    }

    private static int IndexOf(ImmutableArray<IParameterSymbol> parameters, string name)
    {
        for (var i = 1; i < parameters.Length; i++)
        {
            if (parameters[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
