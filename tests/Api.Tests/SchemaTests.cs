using System.Text;
using Diecast.Api.Catalog;
using Diecast.Api.Checkout;
using Diecast.Api.Commands;
using Diecast.Api.GraphQL;
using Diecast.Api.Journal;
using Diecast.Api.Media;
using Diecast.Api.Media.Gallery;
using Diecast.Api.Orders;
using Diecast.Api.Payments;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using GraphQL.Types;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Diecast.Api.Tests;

/// <summary>
/// schema.graphql at the repository root is the API contract: printed from the code, checked in, read by the client generator.
/// </summary>
public sealed class SchemaTests
{
    [Fact]
    public void Checked_in_schema_matches_the_code()
    {
        var live = PrintLiveSchema();
        var path = RepositoryPaths.Combine("schema.graphql");
        var checkedIn = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        if (live == checkedIn)
        {
            return;
        }

        var received = RepositoryPaths.Combine("schema.received.graphql");
        File.WriteAllText(received, live);
        Assert.Fail(
            "schema.graphql differs from the schema the code builds (- checked in, + live). Review the change, then run\n" +
            "  dotnet run --project src/Api -- schema export --output schema.graphql\n" +
            $"(the live schema was also written to {received}).\n\n" + Diff(checkedIn, live));
    }

    /// <summary>Output types document themselves; filter and sort inputs follow HotChocolate, which prints none.</summary>
    [Fact]
    public void Every_output_type_and_field_has_a_description()
    {
        var schema = BuildSchema();
        var undocumented = schema.AllTypes
            .Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && t is IObjectGraphType or IInterfaceGraphType or EnumerationGraphType)
            .SelectMany(t => (string.IsNullOrWhiteSpace(t.Description) ? [t.Name] : Array.Empty<string>())
                .Concat(t is IComplexGraphType complex
                    ? complex.Fields.Where(f => string.IsNullOrWhiteSpace(f.Description) && t is not IInterfaceGraphType).Select(f => $"{t.Name}.{f.Name}")
                    : []))
            .ToList();

        Assert.Empty(undocumented);
    }

    internal static ISchema BuildSchema()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var environment = new HostingEnvironment { EnvironmentName = Environments.Production };
        services.AddDiecastGraphQL(new ConfigurationBuilder().Build(), environment);
        // The features in Program.cs's order, which is the order of their fields in the schema.
        services.AddCatalog().AddJournal().AddOrders().AddCheckout().AddPayments().AddMedia().AddProductGallery();
        var schema = services.BuildServiceProvider().GetRequiredService<ISchema>();
        schema.Initialize();
        return schema;
    }

    private static string PrintLiveSchema() => DiecastCommands.PrintSchema(BuildSchema());

    private static string Diff(string expected, string actual)
    {
        var diff = InlineDiffBuilder.Diff(expected, actual);
        var text = new StringBuilder();
        foreach (var line in diff.Lines.Where(l => l.Type is ChangeType.Inserted or ChangeType.Deleted))
        {
            text.Append(line.Type == ChangeType.Inserted ? "+ " : "- ").AppendLine(line.Text);
        }

        return text.ToString();
    }
}
