namespace Diecast.Api.Security;

/// <summary>The roles an access token can carry (the <c>role</c> claim).</summary>
public static class DiecastRoles
{
    /// <summary>Shop staff: admin mutations, orders, drafts, stock figures, the full API.</summary>
    public const string Admin = "admin";
}
