using GraphQL;

namespace Diecast.GraphQL.Querying.Paging;

/// <summary>A connection's <c>first</c>/<c>after</c>/<c>last</c>/<c>before</c>, checked as HotChocolate checks them.</summary>
public sealed record PagingArguments(int? First, string? After, int? Last, string? Before)
{
    public bool Forward => Last is null;

    public int PageSize(PagingOptions options) => First ?? Last ?? Math.Min(options.DefaultPageSize, options.MaxPageSize);

    public static PagingArguments From(IResolveFieldContext context, PagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var arguments = new PagingArguments(
            context.GetArgument<int?>("first"),
            context.GetArgument<string?>("after"),
            context.GetArgument<int?>("last"),
            context.GetArgument<string?>("before"));
        arguments.Validate(context, options);
        return arguments;
    }

    private void Validate(IResolveFieldContext context, PagingOptions options)
    {
        // HC0082 is HotChocolate's code (and message) for a connection given both `first` and `last`: its cost analyzer
        // wants exactly one slicing argument; a keyset page cannot take rows from both ends at once.
        if (First is not null && Last is not null)
        {
            throw new QueryArgumentError("HC0082", "Exactly one slicing argument must be defined.");
        }

        if ((First ?? Last) is { } requested)
        {
            if (requested < 0)
            {
                throw new QueryArgumentError("HC0079", "The requested number of values per page must be at least 0.", new() { ["requestedItems"] = requested });
            }

            if (requested > options.MaxPageSize)
            {
                throw new QueryArgumentError("HC0051", "The maximum allowed items per page were exceeded.", new()
                {
                    ["fieldCoordinate"] = $"{context.ParentType.Name}.{context.FieldDefinition.Name}",
                    ["requestedItems"] = requested,
                    ["maxAllowedItems"] = options.MaxPageSize,
                });
            }
        }
    }
}
