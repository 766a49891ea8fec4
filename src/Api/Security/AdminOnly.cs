using Diecast.GraphQL.Server.Mutations;
using GraphQL;
using GraphQL.Types;

namespace Diecast.Api.Security;

/// <summary>Marks schema elements as the admins'.</summary>
public static class AdminOnly
{
    public static TMetadataProvider RequireAdmin<TMetadataProvider>(this TMetadataProvider provider)
        where TMetadataProvider : IMetadataWriter
        => provider.AuthorizeWithPolicy(SecurityRegistration.AdminPolicy);

    /// <summary>
    /// Adds an admin-only mutation <paramref name="name"/> in HotChocolate's conventions
    /// (<see cref="MutationConventions.AddMutation{TInputGraphType, TResultGraphType}"/>).
    /// </summary>
    public static FieldType AdminMutation<TInputGraphType, TResultGraphType>(
        this ObjectGraphType mutation,
        string name,
        string resultField,
        string description,
        IReadOnlyList<Type> errorGraphTypes,
        Func<IResolveFieldContext, Task<MutationResult>> resolve)
        where TInputGraphType : IInputObjectGraphType
        where TResultGraphType : IGraphType
        => mutation.AddMutation<TInputGraphType, TResultGraphType>(name, resultField, description, errorGraphTypes, resolve).RequireAdmin();
}
