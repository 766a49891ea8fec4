using System.Security.Claims;

namespace Diecast.GraphQL.Server.Protection;

/// <summary>
/// The callers the protection rules let through: they may always introspect, read schema names in validation
/// errors, and send any document when only trusted documents are allowed. The application says who they are (e.g. its
/// administrators); unless it does, nobody is.
/// </summary>
public interface IPrivilegedCallers
{
    bool Includes(ClaimsPrincipal? user);
}

internal sealed class NoPrivilegedCallers : IPrivilegedCallers
{
    public bool Includes(ClaimsPrincipal? user) => false;
}
