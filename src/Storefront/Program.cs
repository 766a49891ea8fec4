using Diecast.Storefront;

var builder = WebApplication.CreateBuilder(args);
builder.AddStorefront();

var app = builder.Build();
app.UseStorefront();

await app.RunAsync();

/// <summary>The storefront's entry point; public so that tests can host it.</summary>
public partial class Program;
