using Diecast.Storefront.ApiClient;
using Diecast.Storefront.ApiResilience;
using Diecast.Storefront.Caching;
using Diecast.Storefront.Cart;
using Diecast.Storefront.Components;
using Diecast.Storefront.Pages.Checkout;
using Diecast.Storefront.Pages.Errors;
using Diecast.Storefront.Proxies;
using Diecast.Storefront.Seo;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

namespace Diecast.Storefront;

public static class StorefrontRegistration
{
    public static WebApplicationBuilder AddStorefront(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages()
            // Shared partials live in Components/ (a feature folder of their own): <partial name="CarCard" … /> finds them.
            .AddRazorOptions(options => options.PageViewLocationFormats.Add("/Components/{0}.cshtml"));
        // Razor writes text as it is (₹, é, –) rather than as &#x20B9; entities: smaller pages, readable source.
        // Only the characters HTML needs escaping (<, >, &, quotes) still are.
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddOptions<StorefrontOptions>().BindConfiguration(StorefrontOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorefrontOptions>, PublicBaseUrlValidation>();
        builder.Services.AddSingleton<SiteUrls>();
        builder.Services.AddCheckoutPages();
        builder.Services.AddSingleton<SiteStylesheet>();
        builder.Services.AddOptions<DiecastApiOptions>().BindConfiguration(DiecastApiOptions.Section);
        // The generated client (GraphQL files beside the pages), talking to the API's endpoint from "DiecastApi".
        var client = builder.Services.AddDiecastClient()
            .ConfigureHttpClient((services, client) => client.BaseAddress = services.GetRequiredService<IOptions<DiecastApiOptions>>().Value.Endpoint);
        if (builder.Configuration.GetSection(DiecastApiOptions.Section).Get<DiecastApiOptions>()?.SendDocumentIds == true)
        {
            client.UseDocumentIds();
        }

        client.HttpClientBuilder.AddApiResilience().AddForwardedClient();
        builder.AddStorefrontCaching();
        builder.AddCart();
        builder.AddTrustedProxies();
        builder.Services.AddHealthChecks();
        return builder;
    }

    public static WebApplication UseStorefront(this WebApplication app)
    {
        // First: everything after it (rate limits through ForwardedClientHandler, logs) sees the shopper's address.
        app.UseTrustedProxies();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseQueryStringDecoding();

        app.UseStorefrontErrors();
        app.UseEmptyQueryParameterRedirects();
        // After routing and the status-code pages (whose re-execution passes through it too), before the endpoints.
        app.UseStorefrontCaching();
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapCart();
        app.MapSitemap();
        app.MapNotFoundFallback();
        app.MapHealthChecks("/health/live");
        return app;
    }
}
