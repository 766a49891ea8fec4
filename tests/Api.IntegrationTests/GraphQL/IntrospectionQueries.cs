namespace Diecast.Api.IntegrationTests.GraphQL;

/// <summary>The introspection documents that GraphQL IDEs and client generators send.</summary>
public static class IntrospectionQueries
{
    /// <summary>graphql-js's getIntrospectionQuery() with the schema description and repeatable directives, which this server offers.</summary>
    public const string Full = """
        query IntrospectionQuery {
          __schema {
            description
            queryType { name }
            mutationType { name }
            subscriptionType { name }
            types { ...FullType }
            directives { name description isRepeatable locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """;

    /// <summary>The feature probes Banana Cake Pop and StrawberryShake send before the full introspection.</summary>
    public static readonly string[] Probes =
    [
        """query { __type(name: "__Directive") { fields { name } } }""",
        """query { __type(name: "__InputValue") { fields { name } } }""",
        """query { __type(name: "__Type") { fields { name } } }""",
        """query { __type(name: "__Field") { fields { name args { name } } } }""",
        """query { __schema { directives { name } } }""",
        """query { __type(name: "__Schema") { fields { name } } }""",
    ];
}
