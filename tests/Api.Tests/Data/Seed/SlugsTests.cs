using Diecast.Api.Data.Seed;

namespace Diecast.Api.Tests.Data.Seed;

public sealed class SlugsTests
{
    [Theory]
    [InlineData("Pagani Zonda R 1:18", "pagani-zonda-r-1-18")]
    [InlineData("  McLaren MP4/4 — Senna  ", "mclaren-mp4-4-senna")]
    [InlineData("Škoda 130 RS", "koda-130-rs")]
    [InlineData("---", "")]
    public void Makes_url_safe_slugs(string text, string expected) => Assert.Equal(expected, Slugs.From(text));
}
