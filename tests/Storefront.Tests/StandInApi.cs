using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Diecast.Storefront.Tests;

/// <summary>The storefront's use of the shared <see cref="StandInApi"/> (tests/Shared/Http): an empty shop, and the wiring.</summary>
internal static class StandInApiHosting
{
    public const string NoFeaturedProducts = """{"data":{"__typename":"Query","featuredProducts":[]}}""";

    extension(StandInApi)
    {
        /// <summary>An API with no featured products.</summary>
        public static StandInApi Empty() => StandInApi.Answering(NoFeaturedProducts);
    }

    /// <summary>Routes the storefront's client to <paramref name="api"/> instead of a real API.</summary>
    public static IWebHostBuilder UseStandInApi(this IWebHostBuilder builder, StandInApi api) =>
        builder.ConfigureTestServices(services => services.AddHttpClient("DiecastClient").ConfigurePrimaryHttpMessageHandler(() => api));
}
