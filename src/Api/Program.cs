using Diecast.Api.Commands;
using Diecast.Api.Data;
using Diecast.Api.GraphQL;
using Diecast.Api.Health;

var builder = WebApplication.CreateBuilder(args);
builder.AddDiecastData();
builder.Services.AddDiecastGraphQL(builder.Configuration, builder.Environment);

var app = builder.Build();
app.MapGraphQL();
app.MapDiecastHealth();

return await app.RunWithCommandsAsync(args);

/// <summary>The API's entry point; public so that tests can host it.</summary>
public partial class Program;
