using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OpsKit.Analyzers.Internal;

/// <summary>The types that stand for the app (WebApplication, IApplicationBuilder, IEndpointRouteBuilder, IHost), cached per type.</summary>
internal sealed class AppTypes
{
    private readonly INamedTypeSymbol? _webApplication;
    private readonly INamedTypeSymbol _applicationBuilder;
    private readonly INamedTypeSymbol? _endpointRouteBuilder;
    private readonly INamedTypeSymbol? _host;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _appTypes = new(SymbolEqualityComparer.Default);
    private readonly System.Func<ITypeSymbol, bool> _computeIsApp;

    public AppTypes(Compilation compilation, INamedTypeSymbol applicationBuilder, INamedTypeSymbol? webApplication)
    {
        _applicationBuilder = applicationBuilder;
        _webApplication = webApplication;
        _computeIsApp = ComputeIsApp;
        _endpointRouteBuilder = compilation.GetBestTypeByMetadataName("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder", "Microsoft.AspNetCore.Routing");
        _host = compilation.GetBestTypeByMetadataName("Microsoft.Extensions.Hosting.IHost", "Microsoft.Extensions.Hosting.Abstractions");
    }

    /// <summary>The app (or a route builder) is the receiver or an argument of the call.</summary>
    public bool ReceivesApp(IInvocationOperation invocation)
    {
        if (invocation.Instance is { } instance && IsApp(instance.WalkDownConversions().Type))
        {
            return true;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (IsApp(argument.Value.WalkDownConversions().Type) && (argument.Parameter is null || MayTakeApp(argument.Parameter.OriginalDefinition.Type)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a parameter of this declared type lets the callee use the app: an app type, a type parameter constrained
    /// to one, or <c>object</c>/<c>dynamic</c> (it may cast). A route group handed to <c>this IEndpointConventionBuilder</c>
    /// or to <c>TBuilder where TBuilder : IEndpointConventionBuilder</c> reaches only its conventions, so the callee is
    /// not followed.
    /// </summary>
    private bool MayTakeApp(ITypeSymbol parameterType)
    {
        if (parameterType is ITypeParameterSymbol typeParameter)
        {
            foreach (var constraint in typeParameter.ConstraintTypes)
            {
                if (MayTakeApp(constraint))
                {
                    return true;
                }
            }

            return typeParameter.ConstraintTypes.IsEmpty;
        }

        return parameterType.SpecialType == SpecialType.System_Object || parameterType.TypeKind == TypeKind.Dynamic || IsApp(parameterType);
    }

    /// <summary>A call that does not bind and takes the app, directly or through another unbound call in its chain.</summary>
    public bool InvolvesApp(IOperation invalid)
    {
        foreach (var child in invalid.ChildOperations)
        {
            var value = child.WalkDownConversions();
            if (IsApp(value.Type) || (value is IInvalidOperation && InvolvesApp(value)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>new Endpoints(app)</c> of a type outside the known libraries: it may map anything.</summary>
    public bool EscapesInto(IObjectCreationOperation creation)
    {
        if (creation.Type is null || KnownAssemblies.IsNeutral(creation.Type.ContainingAssembly))
        {
            return false;
        }

        foreach (var argument in creation.Arguments)
        {
            if (IsApp(argument.Value.WalkDownConversions().Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>WebApplication, IApplicationBuilder, IEndpointRouteBuilder (route groups too) or IHost.</summary>
    public bool IsApp(ITypeSymbol? type)
    {
        if (type is null || type.SpecialType != SpecialType.None || type.TypeKind is TypeKind.Error or TypeKind.TypeParameter or TypeKind.Array or TypeKind.Pointer)
        {
            return false;
        }

        return _appTypes.TryGetValue(type, out var known) ? known : _appTypes.GetOrAdd(type, _computeIsApp);
    }

    private bool ComputeIsApp(ITypeSymbol type)
    {
        if (Is(type, _webApplication) || Is(type, _applicationBuilder) || Is(type, _endpointRouteBuilder) || Is(type, _host))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (Is(implemented, _applicationBuilder) || Is(implemented, _endpointRouteBuilder) || Is(implemented, _host))
            {
                return true;
            }
        }

        return false;

        static bool Is(ITypeSymbol candidate, INamedTypeSymbol? expected)
            => expected is not null && SymbolEqualityComparer.Default.Equals(candidate, expected);
    }
}
