namespace Diecast.Storefront;

/// <summary>How the storefront reaches the API: configuration section "DiecastApi" (e.g. <c>DiecastApi__Endpoint</c>).</summary>
public sealed class DiecastApiOptions
{
    public const string Section = "DiecastApi";

    public Uri Endpoint { get; set; } = new("http://localhost:5080/graphql");

    /// <summary>
    /// Send trusted-document ids instead of the documents' text: for an API that runs with TrustedDocumentsOnly and
    /// holds this storefront's export in its trusted-documents.json.
    /// </summary>
    public bool SendDocumentIds { get; set; }

    /// <summary>How long one API call may take before the page goes on without it (see ApiResilience).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the circuit stays open (calls fail at once) after most recent calls failed.</summary>
    public int BreakSeconds { get; set; } = 10;

    /// <summary>
    /// The API's <c>GraphQL__RateLimit__ForwardedClientSecret</c>: with it, each API call names the shopper it is made
    /// for, so the API's rate limits count shoppers one by one (see ApiClient). Unset: every call counts against this
    /// storefront's own address, and 30 placeOrders a minute would stop the whole shop.
    /// </summary>
    public string? ForwardedClientSecret { get; set; }
}
