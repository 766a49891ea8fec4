using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text;
using Diecast.Api.Catalog;
using Diecast.Api.Data.Seed;
using Diecast.Api.Security;
using GraphQL.Utilities;
using GraphQLParser.AST;
using GraphQLParser.Visitors;
using Microsoft.Extensions.Logging.Console;

namespace Diecast.Api.Commands;

/// <summary>
/// Administrative commands that run inside the built host instead of the web server, as HotChocolate's
/// <c>RunWithGraphQLCommandsAsync</c> does: <c>schema export</c>, <c>database migrate</c>, <c>database seed</c>,
/// <c>admin token</c>.
/// </summary>
public static class DiecastCommands
{
    // What asks for usage rather than the server: System.CommandLine's help and version options, and a bare "help".
    private static readonly string[] UsageWords = ["help", "--help", "-h", "-?", "/?", "/h", "--version"];

    /// <summary>
    /// Sends a command's log to standard error, so that standard output holds only its result and can be captured
    /// (<c>TOKEN=$(… admin token …)</c>). The web server keeps logging to standard output.
    /// </summary>
    public static WebApplicationBuilder AddDiecastCommands(this WebApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(args);
        if (CommandStart(args) >= 0)
        {
            builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        return builder;
    }

    /// <summary>
    /// Runs the command named by <paramref name="args"/>, or the web server when the arguments are only its
    /// configuration. Returns the process's exit code: 0, 1 when the command failed, 2 for a command line that does not
    /// parse (with usage on standard error), 3 when the server's settings are not valid (each problem on standard error).
    /// </summary>
    public static async Task<int> RunWithCommandsAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var start = CommandStart(args);
        if (start < 0)
        {
            // Settings are checked before the host starts, so a missing key or a bad value is one readable message on
            // standard error and exit code 3, not the host's "Hosting failed to start" with a stack trace.
            if (ConfigurationProblems(app.Services) is { Count: > 0 } problems)
            {
                await Console.Error.WriteLineAsync("The Diecast API cannot start; fix its settings (see the README's configuration table):");
                foreach (var problem in problems)
                {
                    await Console.Error.WriteLineAsync("  - " + problem);
                }

                return 3;
            }

            await app.RunAsync();
            return 0;
        }

        await using (app)
        {
            return await InvokeAsync(BuildRootCommand(app.Services), args[start..], Console.Out, Console.Error);
        }
    }

    /// <summary>
    /// What the settings registered with <c>ValidateOnStart</c> say is wrong (Razorpay keys missing in Production, a
    /// signing key missing, a value out of range), one message per failure; empty when the API may start.
    /// </summary>
    public static IReadOnlyList<string> ConfigurationProblems(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
            return [];
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException failure)
        {
            return [.. failure.Failures.Distinct(StringComparer.Ordinal)];
        }
        catch (AggregateException failures) when (failures.InnerExceptions.All(e => e is Microsoft.Extensions.Options.OptionsValidationException))
        {
            return [.. failures.InnerExceptions.Cast<Microsoft.Extensions.Options.OptionsValidationException>().SelectMany(f => f.Failures).Distinct(StringComparer.Ordinal)];
        }
    }

    /// <summary>
    /// Where the command begins in <paramref name="args"/>, or -1 when every argument is the web server's configuration
    /// as ASP.NET Core's command-line provider reads it (<c>--urls http://…</c>, <c>--environment=Production</c>,
    /// <c>/key value</c>, <c>key=value</c>). That provider ignores a bare word, so a mistyped command
    /// (<c>databse migrate</c>) would otherwise start the server: any bare word that is not a switch's value is a command.
    /// </summary>
    public static int CommandStart(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (UsageWords.Contains(arg, StringComparer.OrdinalIgnoreCase))
            {
                return i;
            }

            if (arg.StartsWith('-') || arg.StartsWith('/'))
            {
                if (!arg.Contains('=', StringComparison.Ordinal))
                {
                    i++; // "--urls http://…": the next argument is this switch's value.
                }

                continue;
            }

            if (!arg.Contains('=', StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Parses and runs a command line that starts with a command; see <see cref="RunWithCommandsAsync"/> for the exit codes.</summary>
    public static async Task<int> InvokeAsync(RootCommand root, string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        if (args is ["help", .. var topic])
        {
            args = [.. topic, "--help"];
        }

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var message in ErrorMessages(result))
            {
                await error.WriteLineAsync(message);
            }

            await error.WriteLineAsync();
            await WriteUsageAsync(root, result.CommandResult, error);
            return 2;
        }

        try
        {
            return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A command that cannot do its job (no signing key, no database) says why in a line, not a stack trace.
            await error.WriteLineAsync(Describe(exception));
            return 1;
        }
    }

    /// <summary>A mistyped command is named as such, with the likely one, instead of System.CommandLine's "Required command was not provided".</summary>
    private static IEnumerable<string> ErrorMessages(ParseResult result)
    {
        var commands = result.CommandResult.Command.Subcommands;
        if (result.UnmatchedTokens is [var unknown, ..] && !unknown.StartsWith('-') && commands.Count > 0)
        {
            var likely = commands.Select(c => c.Name).MinBy(name => EditDistance(name, unknown));
            return [likely is not null && EditDistance(likely, unknown) <= 2
                ? $"'{unknown}' is not a command. Did you mean '{likely}'?"
                : $"'{unknown}' is not a command."];
        }

        return result.Errors.Select(e => e.Message);
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static Task<int> WriteUsageAsync(RootCommand root, CommandResult command, TextWriter writer)
    {
        var path = new Stack<string>();
        for (var current = command; current.Parent is CommandResult parent; current = parent)
        {
            path.Push(current.Command.Name);
        }

        return root.Parse([.. path, "--help"]).InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer });
    }

    private static string Describe(Exception exception)
    {
        var innermost = exception.GetBaseException();
        return innermost == exception || exception.Message.Contains(innermost.Message, StringComparison.Ordinal)
            ? exception.Message
            : $"{exception.Message} {innermost.Message}";
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

    /// <summary>The commands, run against <paramref name="services"/> (the built API's).</summary>
    public static RootCommand BuildRootCommand(IServiceProvider services)
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
            await DatabaseMigration.MigrateAsync(db, cancellationToken);
            await Console.Out.WriteLineAsync("Database migrated.");
        });

        var products = new Option<int?>("--products")
        {
            Description = "Generate this many synthetic products (for benchmarks) instead of the demo shop.",
            CustomParser = result => WholeNumber(result, "--products"),
        };
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
            await Console.Out.WriteLineAsync(seeded ? "Seeded the demo shop." : "The database is not empty (a feature's table has rows); nothing seeded.");
            return 0;
        });

        var name = new Option<string>("--name") { Description = "Who the token is for (shown in logs and audit).", Required = true };
        var days = new Option<int>("--days")
        {
            Description = $"How many days the token is valid (1 to {AccessTokenIssuer.MaxDays}).",
            DefaultValueFactory = _ => 30,
            CustomParser = result => WholeNumber(result, "--days") ?? 0,
        };
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

        return new RootCommand("Diecast API. Without a command it runs the web server; options such as --urls and --environment configure it.")
        {
            new Command("schema", "GraphQL schema commands.") { export },
            new Command("database", "Database commands.") { migrate, seed },
            new Command("admin", "Administration commands.") { token },
        };
    }

    /// <summary>
    /// An option's value as a whole number, or an error in the command line's words: System.CommandLine's own message
    /// names the .NET type ("… as expected type 'System.Nullable`1[System.Int32]'").
    /// </summary>
    private static int? WholeNumber(ArgumentResult result, string option)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
        if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        result.AddError($"{option} must be a whole number; '{text}' is not one.");
        return null;
    }
}
