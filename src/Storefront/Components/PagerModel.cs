namespace Diecast.Storefront.Components;

/// <summary>
/// The Pager partial's model: keyset paging's previous and next links (null when there is no such page), built by the
/// page from the API's pageInfo (<c>before=startCursor</c> when hasPreviousPage, <c>after=endCursor</c> when
/// hasNextPage) so every page is a shareable URL. <c>Label</c> names the navigation landmark.
/// </summary>
public sealed record PagerModel(string? PreviousHref, string? NextHref, string Label = "Pages")
{
    public bool IsEmpty => PreviousHref is null && NextHref is null;
}
