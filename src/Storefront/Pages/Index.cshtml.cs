using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diecast.Storefront.Pages;

public sealed class IndexModel : PageModel
{
    public static IReadOnlyList<string> Genres { get; } =
        ["Racing", "Supercars", "Classics", "Muscle", "JDM", "Rally", "Off-road", "Movie & TV", "Concepts"];
}
