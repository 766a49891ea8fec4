using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Diecast.GraphQL.Server.Authorization;

/// <summary>
/// Evaluates the ASP.NET Core policies GraphQL.NET's authorization metadata names (<c>.AuthorizeWithPolicy(...)</c> on
/// a type, field or argument) for one caller, each policy once per request.
/// </summary>
public sealed class FieldAuthorization(IAuthorizationService authorization, ClaimsPrincipal? user)
{
    public const string NotAuthenticated = "AUTH_NOT_AUTHENTICATED";
    public const string NotAuthorized = "AUTH_NOT_AUTHORIZED";

    /// <summary>HotChocolate's wording; it says nothing about what the resource is or why.</summary>
    public const string Message = "The current user is not authorized to access this resource.";

    private readonly ClaimsPrincipal _user = user ?? new ClaimsPrincipal(new ClaimsIdentity());
    private readonly Dictionary<string, bool> _decisions = new(StringComparer.Ordinal);

    public bool IsAuthenticated => _user.Identity?.IsAuthenticated == true;

    /// <summary>The error code for a denial, AUTH_NOT_AUTHENTICATED for anonymous callers; null when allowed.</summary>
    public async ValueTask<string?> DenialAsync(IMetadataReader? element)
    {
        if (element is null || !element.IsAuthorizationRequired())
        {
            return null;
        }

        foreach (var policy in element.GetPolicies() ?? [])
        {
            if (!_decisions.TryGetValue(policy, out var allowed))
            {
                allowed = _decisions[policy] = (await authorization.AuthorizeAsync(_user, policy)).Succeeded;
            }

            if (!allowed)
            {
                return IsAuthenticated ? NotAuthorized : NotAuthenticated;
            }
        }

        return element.GetRoles() is { Count: > 0 } roles && !roles.Exists(_user.IsInRole)
            ? IsAuthenticated ? NotAuthorized : NotAuthenticated
            : null;
    }

    /// <summary>For resolvers that return objects of a type chosen at run time (node, nodes): throws the denial as a field error.</summary>
    public static async Task EnsureAsync(IResolveFieldContext context, IGraphType type)
    {
        ArgumentNullException.ThrowIfNull(context);
        var check = new FieldAuthorization(context.RequestServices!.GetRequiredService<IAuthorizationService>(), context.User);
        if (await check.DenialAsync(type) is { } code)
        {
            throw new ExecutionError(Message) { Code = code };
        }
    }
}
