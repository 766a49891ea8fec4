using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Diecast.Storefront.Tests;

/// <summary>The storefront's use of the shared <see cref="StandInApi"/> (tests/Shared/Http): an empty shop, and the wiring.</summary>
internal static class StandInApiHosting
{
    /// <summary>The home page's operation (HomePage) answered by a shop with nothing in it.</summary>
    public const string EmptyShop = """
        {"data":{"__typename":"Query","featuredProducts":[],
          "newArrivals":{"__typename":"ProductsConnection","nodes":[]},
          "preOrders":{"__typename":"ProductsConnection","nodes":[]},
          "journalEntries":{"__typename":"JournalEntriesConnection","nodes":[]}}}
        """;

    extension(StandInApi)
    {
        /// <summary>An API whose shop is empty.</summary>
        public static StandInApi Empty() => StandInApi.Answering(EmptyShop);
    }

    /// <summary>Routes the storefront's client to <paramref name="api"/> instead of a real API.</summary>
    public static IWebHostBuilder UseStandInApi(this IWebHostBuilder builder, StandInApi api) =>
        builder
            // Required outside Development (the storefront refuses to start without it).
            .UseSetting("Storefront:PublicBaseUrl", Infrastructure.ShopFixture.PublicBaseUrl)
            .ConfigureTestServices(services => services.AddHttpClient("DiecastClient").ConfigurePrimaryHttpMessageHandler(() => api));
}
