using Diecast.Storefront;
using Diecast.Storefront.Seo;

var builder = WebApplication.CreateBuilder(args);
builder.AddStorefront();

var app = builder.Build();
// Settings are checked before the host starts: a missing or bad one is one line each on standard error and exit code 3
// (as the API does), not the host's stack trace.
if (StartupProblems.Of(app.Services) is { Count: > 0 } problems)
{
    await Console.Error.WriteLineAsync("The Diecast storefront cannot start; fix its settings (see the README's configuration table):");
    foreach (var problem in problems)
    {
        await Console.Error.WriteLineAsync("  - " + problem);
    }

    return 3;
}

app.UseStorefront();
await app.RunAsync();
return 0;

/// <summary>The storefront's entry point; public so that tests can host it.</summary>
public partial class Program;
