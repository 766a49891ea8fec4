using Diecast.GraphQL.Client;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diecast.Storefront.Pages;

public sealed class IndexModel(IDiecastClient client, ILogger<IndexModel> logger) : PageModel
{
    public static IReadOnlyList<string> Genres { get; } =
        ["Racing", "Supercars", "Classics", "Muscle", "JDM", "Rally", "Off-road", "Movie & TV", "Concepts"];

    public IReadOnlyList<IFeaturedProducts_FeaturedProducts> FeaturedProducts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await client.FeaturedProducts.ExecuteAsync(cancellationToken);
        if (result.IsErrorResult())
        {
            // The home page still introduces the shop when the API is down; the featured shelf is simply left out.
            logger.LogWarning("Featured products are unavailable: {Errors}", string.Join("; ", result.Errors));
            return;
        }

        FeaturedProducts = result.Data?.FeaturedProducts ?? [];
    }
}
