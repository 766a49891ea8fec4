using Diecast.Storefront.Seo;
using Microsoft.Extensions.Options;

namespace Diecast.Storefront.Components;

/// <summary>
/// The compiled Tailwind stylesheet (wwwroot/css/site.css), read once, for the layout to put inside the head: 15.5 kB,
/// about 4 kB compressed, so each page carries it rather than making the browser wait a round trip for it before the
/// first paint (the README's Lighthouse section has both measured). <see cref="Text"/> is null when it is not to be
/// inlined (<c>Storefront__InlineStylesheet=false</c>), cannot be read, or could close its own style element; the layout
/// then links the fingerprinted file instead.
/// </summary>
public sealed class SiteStylesheet
{
    public const string Path = "css/site.css";

    private readonly Lazy<string?> _text;

    public SiteStylesheet(IWebHostEnvironment environment, IOptions<StorefrontOptions> options)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        var inline = options.Value.InlineStylesheet;
        _text = new Lazy<string?>(() => inline ? Read(environment) : null);
    }

    /// <summary>The stylesheet's text, safe to write raw inside a style element; null: link it.</summary>
    public string? Text => _text.Value;

    private static string? Read(IWebHostEnvironment environment)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(Path);
        if (!file.Exists)
        {
            return null;
        }

        using var reader = new StreamReader(file.CreateReadStream());
        var text = reader.ReadToEnd();
        // Raw text inside <style> ends at the first "</style": a stylesheet holding one is linked, never inlined.
        return text.Contains("</style", StringComparison.OrdinalIgnoreCase) ? null : text;
    }
}
