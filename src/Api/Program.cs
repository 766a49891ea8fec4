using Diecast.Api.Catalog;
using Diecast.Api.Checkout;
using Diecast.Api.Commands;
using Diecast.Api.GraphQL;
using Diecast.Api.Health;
using Diecast.Api.Journal;
using Diecast.Api.Media;
using Diecast.Api.Media.Gallery;
using Diecast.Api.Orders;
using Diecast.Api.Payments;
using Diecast.Api.Payments.Simulator;
using Diecast.Api.Security;
using Diecast.Api.Storefront;
using Diecast.GraphQL.Server;

// Configuration sits beside the binaries, so the API reads the same settings from any working folder;
// the working folder is left to the commands, whose relative paths mean the caller's folder.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddDiecastCommands(args);
// REVIEW: the one clock for every timestamp the API writes, the rate-limit windows and AccessTokenLifetime; the bearer
// handler's own expiry check still reads the machine's clock.
builder.Services.AddSingleton(TimeProvider.System);
builder.AddDiecastData();
builder.AddDiecastSecurity();
builder.Services.AddDiecastGraphQL(builder.Configuration, builder.Environment);
// The shop's features, each a folder; their order is the order of their fields in the schema.
builder.Services.AddCatalog();
builder.Services.AddJournal();
builder.Services.AddOrders();
builder.Services.AddCheckout();
builder.Services.AddPayments();
builder.Services.AddMedia();
builder.Services.AddProductGallery();
builder.Services.AddStorefrontEvents();

var app = builder.Build();
app.UseAuthentication();
app.MapGraphQLServer("/graphql");
app.MapRazorpayWebhook();
app.MapDiecastHealth();
app.MapPaymentSimulator();
app.MapMedia();
app.MapStorefrontEvents();

return await app.RunWithCommandsAsync(args);

/// <summary>The API's entry point; public so that tests can host it.</summary>
public partial class Program;
