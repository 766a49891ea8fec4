using Diecast.Api.Media;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Tests.Media;

/// <summary>Media URLs: content-addressed paths, absolute on the public origin when one is set, a srcset with each width once.</summary>
public sealed class MediaUrlsTests
{
    private static readonly MediaFile Picture = new()
    {
        Id = Guid.Parse("0b0e3c1a-4a52-4f0e-9d7e-8c1b2f3a4d5e"),
        Kind = MediaKind.Image,
        Format = "jpeg",
        ContentType = "image/jpeg",
        ByteLength = 1000,
        Width = 1200,
        Height = 900,
        Sha256 = new string('a', 64),
        StorageKey = "originals/" + new string('a', 64),
    };

    private static MediaUrls Urls(string? publicBaseUrl) => new(Options.Create(new MediaOptions { PublicBaseUrl = publicBaseUrl }));

    [Fact]
    public void Without_a_public_origin_urls_are_paths_on_this_api()
    {
        Assert.Equal("/media/images/0b0e3c1a-4a52-4f0e-9d7e-8c1b2f3a4d5e/aaaaaaaaaaaaaaaa?w=640", Urls(null).Image(Picture, 640));
    }

    [Theory]
    [InlineData("https://api.diecast.in")]
    [InlineData("https://api.diecast.in/")]
    public void With_a_public_origin_every_url_starts_with_it_once(string origin)
    {
        var urls = Urls(origin);

        Assert.Equal("https://api.diecast.in/media/images/0b0e3c1a-4a52-4f0e-9d7e-8c1b2f3a4d5e/aaaaaaaaaaaaaaaa?w=640&q=90", urls.Image(Picture, 640, 90));
        Assert.Equal("https://api.diecast.in/media/videos/0b0e3c1a-4a52-4f0e-9d7e-8c1b2f3a4d5e/aaaaaaaaaaaaaaaa.jpeg", urls.Video(Picture));
        Assert.All(urls.SrcSet(Picture).Split(", "), candidate => Assert.StartsWith("https://api.diecast.in/media/images/", candidate, StringComparison.Ordinal));
    }

    [Fact]
    public void A_srcset_lists_each_width_once_and_ends_at_the_originals()
    {
        var descriptors = Urls(null).SrcSet(Picture).Split(", ").Select(c => c[(c.LastIndexOf(' ') + 1)..]).ToList();

        Assert.Equal(descriptors.Count, descriptors.Distinct().Count());
        Assert.Equal("1200w", descriptors[^1]);
    }
}
