namespace Diecast.Api.Security;

/// <summary>Marks schema elements as the admins'.</summary>
public static class AdminOnly
{
    public static TMetadataProvider RequireAdmin<TMetadataProvider>(this TMetadataProvider provider)
        where TMetadataProvider : IMetadataWriter
        => provider.AuthorizeWithPolicy(SecurityRegistration.AdminPolicy);

    /// <summary>Starts an admin-only mutation <paramref name="name"/> in HotChocolate's conventions (<see cref="MutationField{TInputGraphType, TResultGraphType}"/>).</summary>
    public static MutationField<TInputGraphType, TResultGraphType> AdminMutation<TInputGraphType, TResultGraphType>(this ObjectGraphType mutation, string name)
        where TInputGraphType : IInputObjectGraphType
        where TResultGraphType : IGraphType
        => mutation.AddMutation<TInputGraphType, TResultGraphType>(name).Configure(field => field.RequireAdmin());
}
