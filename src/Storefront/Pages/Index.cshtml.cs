using Diecast.GraphQL.Client;
using Diecast.Storefront.Seo;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diecast.Storefront.Pages;

/// <summary>The home page: a Bento grid of featured cars, new arrivals, pre-orders and the journal, from one API call.</summary>
public sealed class IndexModel(IDiecastClient client, SiteUrls urls, ILogger<IndexModel> logger) : PageModel
{
    public IReadOnlyList<ICarCard> Featured { get; private set; } = [];

    public IReadOnlyList<ICarCard> NewArrivals { get; private set; } = [];

    public IReadOnlyList<ICarCard> PreOrders { get; private set; } = [];

    public IReadOnlyList<IHomePage_JournalEntries_Nodes> Journal { get; private set; } = [];

    /// <summary>The API could not be reached or failed: the page still introduces the shop and its genres.</summary>
    public bool Degraded { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await client.HomePage.ExecuteAsync(cancellationToken);
        if (result.Data is { } data)
        {
            Featured = data.FeaturedProducts;
            NewArrivals = data.NewArrivals?.Nodes ?? [];
            PreOrders = data.PreOrders?.Nodes ?? [];
            Journal = data.JournalEntries?.Nodes ?? [];
        }

        if (result.IsErrorResult())
        {
            // Shown as a short notice; the shop's introduction, genres and content links need no API.
            Degraded = result.Data is null;
            logger.LogWarning("The home page's data is incomplete: {Errors}", string.Join("; ", result.Errors.Select(e => e.Message)));
        }

        var lead = Featured.Count > 0 ? Featured[0] : NewArrivals.Count > 0 ? NewArrivals[0] : null;
        var hero = lead is { Gallery.Count: > 0 } ? lead.Gallery[0] : null;
        ViewData.SetPageMeta(new PageMeta
        {
            Title = "Diecast model cars in India: 1:64 to 1:18",
            Description = PageMeta.DefaultDescription,
            CanonicalPath = "/",
            OgImage = hero?.Url,
            JsonLd = [JsonLd.Organization(urls.Origin(Request))],
        });
    }
}
