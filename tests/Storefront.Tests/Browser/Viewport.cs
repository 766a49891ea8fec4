namespace Diecast.Storefront.Tests.Browser;

/// <summary>The two screens every journey and accessibility check runs on: a small touch phone and a desktop.</summary>
public sealed record Viewport(string Name, int Width, int Height, bool Touch)
{
    public static readonly Viewport Phone = new("phone", 360, 740, Touch: true);

    public static readonly Viewport Desktop = new("desktop", 1440, 900, Touch: false);

    /// <summary>By name, for theories (<c>[InlineData("phone")]</c>): xunit shows the name in the test's display name.</summary>
    public static Viewport Named(string name) => name switch
    {
        "phone" => Phone,
        "desktop" => Desktop,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "phone or desktop"),
    };

    public override string ToString() => $"{Name} {Width}×{Height}";
}
