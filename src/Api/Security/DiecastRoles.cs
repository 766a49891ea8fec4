using System.Security.Claims;

namespace Diecast.Api.Security;

/// <summary>The roles an access token can carry (the <c>role</c> claim).</summary>
public static class DiecastRoles
{
    /// <summary>Shop staff: admin mutations, orders, drafts, stock figures, the full API.</summary>
    public const string Admin = "admin";

    /// <summary>Whether the caller is shop staff: the one test every admin-only path outside the field policies uses.</summary>
    public static bool IsAdmin(this ClaimsPrincipal? user) => user?.Identity?.IsAuthenticated == true && user.IsInRole(Admin);
}
