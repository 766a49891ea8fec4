namespace Diecast.Storefront.Pages.Journal;

/// <summary>Links into the journal: <c>/journal</c>, <c>/journal?tag=…</c> with a cursor, <c>/journal/{slug}</c>.</summary>
public static class JournalUrl
{
    public const string Path = "/journal";

    public static string List(string? tag = null, string? after = null, string? before = null)
    {
        var query = new List<string>();
        if (tag is not null)
        {
            query.Add("tag=" + Uri.EscapeDataString(tag));
        }

        if (after is not null)
        {
            query.Add("after=" + Uri.EscapeDataString(after));
        }
        else if (before is not null)
        {
            query.Add("before=" + Uri.EscapeDataString(before));
        }

        return query.Count == 0 ? Path : Path + "?" + string.Join('&', query);
    }

    public static string Entry(string slug) => Path + "/" + Uri.EscapeDataString(slug);
}
