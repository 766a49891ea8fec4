namespace Diecast.Api.IntegrationTests.Catalog;

/// <summary>
/// A <c>where:</c> or <c>order:</c> that does not fit the schema fails validation: HTTP 400 with an error code and no
/// data, before anything is queried, and never a 500. GraphQL.NET codes a bad literal ARGUMENTS_OF_CORRECT_TYPE and a
/// bad variable INVALID_VALUE.
/// </summary>
public sealed class ProductQueryValidationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, string> InvalidArguments() => new()
    {
        { "unknown filter field", """where: { colour: { eq: "red" } }""" },
        { "unknown operation", """where: { name: { like: "Ferrari%" } }""" },
        { "operation on a nested field that has none", """where: { price: { contains: "99" } }""" },
        { "wrong scalar type", """where: { price: { gt: "cheap" } }""" },
        { "string for an Int", """where: { year: { eq: "1970" } }""" },
        { "Int out of range", "where: { year: { eq: 3000000000 } }" },
        { "list of the wrong type", """where: { year: { in: ["1970"] } }""" },
        { "object where an operation input is expected", """where: { brand: "AutoArt" }""" },
        { "unknown enum value", "where: { genre: { eq: SPACESHIP } }" },
        { "enum value as a string", """where: { genre: { eq: "RALLY" } }""" },
        { "null in a list of non-null enums", "where: { genre: { in: [RALLY, null] } }" },
        { "and/or on a comparable input", "where: { price: { or: [{ gt: 1 }] } }" },
        { "unknown sort field", "order: [{ colour: ASC }]" },
        { "list field in a sort", "order: [{ images: ASC }]" },
        { "sort direction not ASC or DESC", "order: [{ price: UP }]" },
        { "sort direction as a string", """order: [{ price: "ASC" }]""" },
        { "null entry in the order list", "order: [null]" },
    };

    [Theory]
    [MemberData(nameof(InvalidArguments))]
    public async Task An_argument_that_does_not_fit_the_schema_is_a_validation_error(string name, string argument)
    {
        using var client = api.CreateClient();
        var (response, body) = await client.PostGraphQLAsync($$"""{ products({{argument}}, first: 50) { nodes { slug } } }""");

        AssertValidationError(name, response, body, "ARGUMENTS_OF_CORRECT_TYPE");
    }

    public static TheoryData<string, string, string> InvalidVariables() => new()
    {
        { "unknown filter field", "where: ProductFilterInput", """{ "where": { "colour": { "eq": "red" } } }""" },
        { "wrong scalar type", "where: ProductFilterInput", """{ "where": { "price": { "gt": "cheap" } } }""" },
        { "unknown enum value", "where: ProductFilterInput", """{ "where": { "genre": { "eq": "SPACESHIP" } } }""" },
        { "unknown sort field", "order: [ProductSortInput!]", """{ "order": [{ "colour": "ASC" }] }""" },
        { "sort direction not ASC or DESC", "order: [ProductSortInput!]", """{ "order": [{ "price": "UP" }] }""" },
    };

    [Theory]
    [MemberData(nameof(InvalidVariables))]
    public async Task A_variable_that_does_not_fit_the_schema_is_a_validation_error(string name, string declaration, string variablesJson)
    {
        var variableName = declaration[..declaration.IndexOf(':', StringComparison.Ordinal)];
        using var client = api.CreateClient();
        using var variables = JsonDocument.Parse(variablesJson);
        var (response, body) = await client.PostGraphQLAsync(
            $$"""query(${{declaration}}) { products({{variableName}}: ${{variableName}}, first: 50) { nodes { slug } } }""",
            variables.RootElement);

        AssertValidationError(name, response, body, "INVALID_VALUE");
    }

    private static void AssertValidationError(string name, HttpResponseMessage response, JsonElement body, string code)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal(GraphQLHttp.ResponseMediaType, response.Content.Headers.ContentType?.MediaType);
        var error = body.GetProperty("errors")[0];
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()), $"{name}: no message in {body}");
        Assert.True(code == body.FirstErrorCode(), $"{name}: expected {code} in {body}");
        Assert.False(body.TryGetProperty("data", out _), $"{name}: a request that failed validation has no data: {body}");
    }
}
