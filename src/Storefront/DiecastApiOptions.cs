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
}
