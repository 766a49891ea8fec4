using System.Security.Claims;
using Diecast.GraphQL.Server.Protection;

namespace Diecast.Api.Security;

/// <summary>The shop's admins are the callers the GraphQL protection rules let through.</summary>
public sealed class AdminCallers : IPrivilegedCallers
{
    public bool Includes(ClaimsPrincipal? user) => user.IsAdmin();
}
