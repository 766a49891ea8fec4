using System.CommandLine;
using System.Text;
using Diecast.Api.Data;
using Diecast.Api.Data.Seed;
using Diecast.Api.Security;
using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQLParser.AST;
using GraphQLParser.Visitors;
using Microsoft.EntityFrameworkCore;

namespace Diecast.Api.Commands;

/// <summary>
/// Administrative commands that run inside the built host instead of the web server, as HotChocolate's
/// <c>RunWithGraphQLCommandsAsync</c> does: <c>schema export</c>, <c>database migrate</c>, <c>database seed</c>,
/// <c>admin token</c>.
/// </summary>
public static class DiecastCommands
{
    private static readonly string[] CommandNames = ["schema", "database", "admin"];

    /// <summary>Runs the command named by <paramref name="args"/>, or the web server when there is none.</summary>
    public static async Task<int> RunWithCommandsAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || !CommandNames.Contains(args[0]))
        {
            await app.RunAsync();
            return 0;
        }

        await using (app)
        {
            return await BuildRootCommand(app.Services).Parse(args).InvokeAsync();
        }
    }

    /// <summary>
    /// The schema as SDL, printed the same way by the export command and the schema test: the schema block first,
    /// then types by name, then directives; fields and arguments in declaration order, as clients see them.
    /// </summary>
    public static string PrintSchema(ISchema schema)
    {
        var document = new SchemaExporter(schema).Export();
        document.Definitions = [.. document.Definitions.OrderBy(definition => definition switch
        {
            GraphQLSchemaDefinition => (0, ""),
            GraphQLDirectiveDefinition directive => (2, directive.Name.StringValue),
            GraphQLTypeDefinition type => (1, type.Name.StringValue),
            _ => (3, ""),
        })];
        return new SDLPrinter().Print(document).ReplaceLineEndings("\n").TrimEnd() + "\n";
    }

    private static RootCommand BuildRootCommand(IServiceProvider services)
    {
        var output = new Option<FileInfo?>("--output") { Description = "Write the SDL to this file instead of standard output." };
        var export = new Command("export", "Print the GraphQL schema as SDL.") { output };
        export.SetAction(async (result, cancellationToken) =>
        {
            var sdl = PrintSchema(services.GetRequiredService<ISchema>());
            if (result.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, sdl, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
            }
            else
            {
                await Console.Out.WriteAsync(sdl);
            }
        });

        var migrate = new Command("migrate", "Apply pending database migrations.");
        migrate.SetAction(async (_, cancellationToken) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            await Console.Out.WriteLineAsync("Database migrated.");
        });

        var products = new Option<int?>("--products") { Description = "Generate this many synthetic products (for benchmarks) instead of the demo shop." };
        var seed = new Command("seed", "Seed the demo shop into an empty database, or generate a large catalog with --products.") { products };
        seed.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(products) is { } count)
            {
                if (count <= 0)
                {
                    await Console.Error.WriteLineAsync("--products must be a positive number.");
                    return 2;
                }

                var elapsed = await services.GetRequiredService<LargeCatalogSeeder>().SeedAsync(count, cancellationToken);
                await Console.Out.WriteLineAsync($"Generated {count} products in {elapsed.TotalSeconds:0.0} s.");
                return 0;
            }

            var seeded = await services.GetRequiredService<DemoDataSeeder>().SeedAsync(cancellationToken);
            await Console.Out.WriteLineAsync(seeded ? "Seeded the demo shop." : "The database already has products; nothing seeded.");
            return 0;
        });

        var name = new Option<string>("--name") { Description = "Who the token is for (shown in logs and audit).", Required = true };
        var days = new Option<int>("--days") { Description = $"How many days the token is valid (1 to {AccessTokenIssuer.MaxDays}).", DefaultValueFactory = _ => 30 };
        var token = new Command("token", "Print an admin access token (a JWT to send as 'Authorization: Bearer <token>').") { name, days };
        token.SetAction(async (result, _) =>
        {
            var who = result.GetValue(name)!.Trim();
            var lifetime = result.GetValue(days);
            if (who.Length is 0 or > 100 || lifetime is < 1 or > AccessTokenIssuer.MaxDays)
            {
                await Console.Error.WriteLineAsync($"--name must be 1 to 100 characters and --days 1 to {AccessTokenIssuer.MaxDays}.");
                return 2;
            }

            await Console.Out.WriteLineAsync(services.GetRequiredService<AccessTokenIssuer>().Issue(who, TimeSpan.FromDays(lifetime), DiecastRoles.Admin));
            return 0;
        });

        return new RootCommand("Diecast API")
        {
            new Command("schema", "GraphQL schema commands.") { export },
            new Command("database", "Database commands.") { migrate, seed },
            new Command("admin", "Administration commands.") { token },
        };
    }
}
