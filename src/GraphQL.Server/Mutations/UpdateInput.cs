namespace Diecast.GraphQL.Server.Mutations;

/// <summary>
/// The base of an update input, where a field left out keeps its value. GraphQL tells a field left out from one set
/// to null, so for a field that may be emptied, null means "remove the value" (<see cref="Clearable{T}"/>).
/// </summary>
public abstract class UpdateInput
{
    /// <summary>The input fields (schema names) the caller set to null.</summary>
    public IReadOnlySet<string> NullFields { get; internal set; } = new HashSet<string>();

    /// <summary>A clearable field's new value: <paramref name="given"/> if set, null if the caller sent null, else <paramref name="current"/>.</summary>
    public T? Clearable<T>(string field, T? given, T? current)
        where T : class =>
        NullFields.Contains(field) ? null : given ?? current;
}

/// <summary>The graph type of an <see cref="UpdateInput"/>: records which fields came as null.</summary>
public abstract class UpdateInputGraphType<TInput> : InputObjectGraphType<TInput>
    where TInput : UpdateInput
{
    public override object ParseDictionary(IDictionary<string, object?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var input = (TInput)base.ParseDictionary(value);
        input.NullFields = value.Where(field => field.Value is null).Select(field => field.Key).ToHashSet(StringComparer.Ordinal);
        return input;
    }
}
