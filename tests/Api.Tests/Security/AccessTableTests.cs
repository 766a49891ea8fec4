using GraphQL;
using GraphQL.Types;

namespace Diecast.Api.Tests.Security;

/// <summary>
/// Every field and argument of the schema against a declared access table (<c>access-table.txt</c> beside this file),
/// so a new field cannot become public, or stop being the admins', without someone writing it down.
/// </summary>
public sealed class AccessTableTests
{
    private const string TablePath = "tests/Api.Tests/Security/access-table.txt";

    [Fact]
    public void Every_field_has_the_access_the_table_declares()
    {
        var live = LiveAccess();
        var declared = File.ReadAllLines(RepositoryPaths.Combine(TablePath))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();

        var missing = live.Except(declared).Select(line => "+ " + line);
        var extra = declared.Except(live).Select(line => "- " + line);
        var differences = missing.Concat(extra).ToList();
        Assert.True(differences.Count == 0,
            $"The schema's access differs from {TablePath} (+ live, - declared). Declare each new field's access there:\n" + string.Join('\n', differences));
    }

    [Fact]
    public void The_admins_fields_are_the_ones_the_issue_names()
    {
        var admin = LiveAccess().Where(line => line.EndsWith(" admin", StringComparison.Ordinal)).ToList();

        Assert.Contains("Query.orders admin", admin);
        Assert.Contains("Product.stockQuantity admin", admin);
        Assert.Contains("Query.journalEntries(includeDrafts:) admin", admin);
        Assert.Contains("Order.customerEmail admin", admin);
        Assert.DoesNotContain(admin, line => line.StartsWith("Query.products ", StringComparison.Ordinal));
    }

    /// <summary>"Type.field public|admin" for every output field, "Type.field(argument:) admin" for admin-only arguments.</summary>
    private static List<string> LiveAccess()
    {
        var schema = SchemaTests.BuildSchema();
        var lines = new List<string>();
        foreach (var type in schema.AllTypes.OfType<IComplexGraphType>().Where(t => t is IObjectGraphType or IInterfaceGraphType && !t.Name.StartsWith("__", StringComparison.Ordinal)))
        {
            foreach (var field in type.Fields)
            {
                var admin = type.IsAuthorizationRequired() || field.IsAuthorizationRequired() || field.ResolvedType!.GetNamedType().IsAuthorizationRequired();
                lines.Add($"{type.Name}.{field.Name} {(admin ? "admin" : "public")}");
                lines.AddRange((field.Arguments ?? []).Where(a => a.IsAuthorizationRequired()).Select(a => $"{type.Name}.{field.Name}({a.Name}:) admin"));
            }
        }

        return [.. lines.Order(StringComparer.Ordinal)];
    }
}
