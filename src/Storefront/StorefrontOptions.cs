namespace Diecast.Storefront;

/// <summary>The "DiecastApi" configuration section: where the storefront finds the API.</summary>
public sealed class StorefrontOptions
{
    public const string Section = "DiecastApi";

    /// <summary>The API's GraphQL endpoint.</summary>
    public Uri Endpoint { get; set; } = new("http://localhost:5080/graphql");

    /// <summary>
    /// Send trusted-document ids instead of the documents' text: for an API that runs with TrustedDocumentsOnly and
    /// holds this storefront's export in its trusted-documents.json.
    /// </summary>
    public bool SendDocumentIds { get; set; }
}
