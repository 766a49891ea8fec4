using System.Text.RegularExpressions;

namespace Diecast.Api.IntegrationTests.GraphQL.Protection;

/// <summary>
/// With anonymous introspection off, a caller who may not introspect learns nothing of the schema from error messages:
/// no "Did you mean …", no required fields or arguments it left out, no type it did not write. Every name an error
/// quotes is one the request itself contains. Admins, and everyone where introspection is open, keep the full messages.
/// </summary>
public sealed partial class SchemaHidingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, string, string?, string> BadDocuments() => new()
    {
        // name, document, variables (JSON), code
        { "misspelt field", "{ products(first: 1) { nodes { stockQuantiy } } }", null, "FIELDS_ON_CORRECT_TYPE" },
        { "field of a member type on an interface", "{ node(id: \"UHJvZHVjdDox\") { slug } }", null, "FIELDS_ON_CORRECT_TYPE" },
        { "misspelt argument", "{ products(frist: 1) { totalCount } }", null, "KNOWN_ARGUMENT_NAMES" },
        { "misspelt directive argument", "{ __typename @include(iff: true) }", null, "KNOWN_ARGUMENT_NAMES" },
        { "misspelt variable type", "query($w: ProductFilter) { products(where: $w) { totalCount } }", null, "KNOWN_TYPE_NAMES" },
        { "misspelt fragment type", "{ featuredProducts { ... on Prodcut { slug } } }", null, "KNOWN_TYPE_NAMES" },
        { "missing required argument", "{ productBySlug { id } }", null, "PROVIDED_NON_NULL_ARGUMENTS" },
        { "mutation input without its fields", "mutation { createProduct(input: {}) { product { id } } }", null, "ARGUMENTS_OF_CORRECT_TYPE" },
        { "mutation input with a misspelt field", "mutation { archiveProduct(input: { idd: \"x\" }) { product { id } } }", null, "ARGUMENTS_OF_CORRECT_TYPE" },
        { "unknown enum value in a filter", "{ products(where: { genre: { eq: SPORT } }) { totalCount } }", null, "ARGUMENTS_OF_CORRECT_TYPE" },
        { "string for a number", "{ products(first: \"ten\") { totalCount } }", null, "ARGUMENTS_OF_CORRECT_TYPE" },
        { "invalid default value", "query($n: Int = \"ten\") { products(first: $n) { totalCount } }", null, "DEFAULT_VALUES_OF_CORRECT_TYPE" },
        // Variables are coerced only once the document is valid, so an anonymous caller reaches only public inputs.
        { "filter variable with an unknown operation", "query($w: ProductFilterInput) { products(where: $w) { totalCount } }", "{\"w\": {\"price\": {\"like\": 1}}}", "INVALID_VALUE" },
        { "sort variable with an unknown direction", "query($o: [ProductSortInput!]) { products(order: $o) { totalCount } }", "{\"o\": [{\"price\": \"UP\"}]}", "INVALID_VALUE" },
        { "filter variable with an unknown enum value", "query($w: ProductFilterInput) { products(where: $w) { totalCount } }", "{\"w\": {\"genre\": {\"eq\": \"SPORT\"}}}", "INVALID_VALUE" },
        { "variable in the wrong position", "query($s: Int) { productBySlug(slug: $s) { id } }", null, "VARIABLES_IN_ALLOWED_POSITION" },
        { "object without a selection", "{ products }", null, "SCALAR_LEAFS" },
        { "selection on a scalar", "{ featuredProducts { name { length } } }", null, "SCALAR_LEAFS" },
        { "same alias for different types", "{ node(id: \"UHJvZHVjdDox\") { ... on Product { a: name } ... on JournalEntry { a: publishedAt } } }", null, "OVERLAPPING_FIELDS_CAN_BE_MERGED" },
        { "fragment that can never apply", "{ featuredProducts { ... on Query { __typename } } }", null, "POSSIBLE_FRAGMENT_SPREADS" },
        { "named fragment that can never apply", "{ featuredProducts { ...Q } } fragment Q on Query { __typename }", null, "POSSIBLE_FRAGMENT_SPREADS" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public async Task An_error_names_nothing_the_anonymous_caller_did_not_write(string name, string document, string? variables, string code)
    {
        await using var production = WithoutAnonymousIntrospection();
        using var client = production.CreateClient();

        var errors = await ErrorsAsync(client, document, variables, code);

        foreach (var message in errors)
        {
            Assert.DoesNotContain("Did you mean", message, StringComparison.Ordinal);
            Assert.True(!NamesNotWritten(message, document + variables).Any(), $"{name}: '{NamesNotWritten(message, document + variables).FirstOrDefault()}' is not in the request: {message}");
        }
    }

    /// <summary>Keeps the cases above honest: each one, told in full, names something the request did not.</summary>
    [Theory]
    [MemberData(nameof(BadDocuments))]
    public async Task An_admin_is_told_in_full(string name, string document, string? variables, string code)
    {
        await using var production = WithoutAnonymousIntrospection();
        using var admin = production.CreateAdminClient();

        var errors = await ErrorsAsync(admin, document, variables, code);

        Assert.True(errors.Exists(message => NamesNotWritten(message, document + variables).Any()), $"{name}: {string.Join(" | ", errors)}");
    }

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public async Task A_signed_in_caller_who_is_not_an_admin_gets_the_same_messages(string name, string document, string? variables, string code)
    {
        await using var production = WithoutAnonymousIntrospection();
        using var anonymous = production.CreateClient();
        using var signedIn = production.CreateClientAs("not-an-admin");

        var anonymousErrors = (await ErrorsAsync(anonymous, document, variables, code)).Where(m => !m.Contains("not authorized", StringComparison.Ordinal));
        var signedInErrors = (await ErrorsAsync(signedIn, document, variables, code)).Where(m => !m.Contains("not authorized", StringComparison.Ordinal));

        Assert.True(anonymousErrors.SequenceEqual(signedInErrors), name);
    }

    [Fact]
    public async Task Admins_still_get_suggestions_with_introspection_off()
    {
        await using var production = WithoutAnonymousIntrospection();
        using var admin = production.CreateAdminClient();

        var errors = await ErrorsAsync(admin, "{ products(first: 1) { nodes { stockQuantiy } } }", null, "FIELDS_ON_CORRECT_TYPE");

        Assert.Contains(errors, m => m.Contains("Did you mean 'stockQuantity'?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Everyone_gets_suggestions_where_introspection_is_open()
    {
        using var client = api.CreateClient();

        var errors = await ErrorsAsync(client, "mutation { createProduct(input: {}) { product { id } } }", null, "ARGUMENTS_OF_CORRECT_TYPE");

        Assert.Contains(errors, m => m.Contains("'slug'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hidden_message_keeps_its_code_and_location()
    {
        await using var production = WithoutAnonymousIntrospection();
        using var client = production.CreateClient();

        var (_, body) = await client.PostGraphQLAsync("{\n  products(first: 1) { nodes { stockQuantiy } }\n}");

        var error = body.GetProperty("errors")[0];
        Assert.Equal("Cannot query field 'stockQuantiy' on this type.", error.GetProperty("message").GetString());
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("5.3.1", error.GetProperty("extensions").GetProperty("number").GetString());
        Assert.Equal(2, error.GetProperty("locations")[0].GetProperty("line").GetInt32());
        Assert.Equal(32, error.GetProperty("locations")[0].GetProperty("column").GetInt32());
    }

    private static async Task<List<string>> ErrorsAsync(HttpClient client, string document, string? variables, string code)
    {
        var (_, body) = await client.PostGraphQLAsync(document, variables is null ? null : JsonSerializer.Deserialize<JsonElement>(variables));
        var errors = body.GetProperty("errors").EnumerateArray().ToList();
        Assert.True(errors.Exists(e => e.GetProperty("extensions").GetProperty("code").GetString() == code), $"Expected {code}: {body}");
        return errors.ConvertAll(e => e.GetProperty("message").GetString()!);
    }

    private static IEnumerable<string> NamesNotWritten(string message, string written)
    {
        var names = Names().Matches(written).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        return QuotedNames().Matches(message).SelectMany(m => m.Groups["name"].Captures.Select(c => c.Value))
            .Where(quoted => !Names().Matches(quoted).All(name => names.Contains(name.Value)));
    }

    private WebApplicationFactory<Program> WithoutAnonymousIntrospection() =>
        api.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:AnonymousIntrospection", "false"));

    [GeneratedRegex("[_A-Za-z][_0-9A-Za-z]*")]
    private static partial Regex Names();

    /// <summary>Whatever a message puts in quotes of any kind, or unquoted after "type"/"field"/"types … and" as some of GraphQL.NET's messages do.</summary>
    [GeneratedRegex("""['"`](?<name>[^'"`]+)['"`]|\btypes (?<name>[_A-Za-z][_0-9A-Za-z]*[!\]]*) and (?<name>[_A-Za-z][_0-9A-Za-z]*[!\]]*)|\b(?:type|field|Field|Fields) (?<name>[_A-Za-z][_0-9A-Za-z]*[!\]]*)""")]
    private static partial Regex QuotedNames();
}
