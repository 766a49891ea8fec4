using Diecast.GraphQL.Server.Http;

namespace Diecast.GraphQL.Server.Scalars;

/// <summary>
/// HotChocolate's <c>Upload</c> scalar: a file sent with the GraphQL multipart request spec, whose runtime value is an
/// <see cref="IFile"/>. Only the transport makes one, from a file part the request's <c>map</c> puts into the variables;
/// a literal in the document or a JSON value in the variables (a string, an object) is an invalid value, so a file can
/// never be forged from text. Input only: no field returns it.
/// </summary>
public sealed class UploadGraphType : ScalarGraphType
{
    private const string HowToSend =
        "An Upload is a file sent as a part of a multipart/form-data request (the GraphQL multipart request spec: 'operations', then 'map', then the files), with null in its place in the variables.";

    public UploadGraphType()
    {
        Name = "Upload";
        Description = "A file uploaded with the GraphQL multipart request spec (multipart/form-data: 'operations', 'map', then the files); input only.";
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        _ => ThrowLiteralConversionError(value, HowToSend),
    };

    public override bool CanParseLiteral(GraphQLValue value) => value is GraphQLNullValue;

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        IFile file => file,
        _ => throw new InvalidOperationException(HowToSend),
    };

    public override bool CanParseValue(object? value) => value is null or IFile;

    /// <summary>Never returned by a field; a default value of an Upload can only be null.</summary>
    public override object? Serialize(object? value) => value switch
    {
        null => null,
        _ => ThrowSerializationError(value),
    };
}
