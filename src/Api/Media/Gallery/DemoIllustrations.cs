using System.Globalization;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using Diecast.Api.Catalog;
using NetVips;

namespace Diecast.Api.Media.Gallery;

/// <summary>
/// The demo shop's pictures, drawn rather than downloaded: a side view of a car whose silhouette follows the product's
/// genre, in the product's colour, with its name and scale; and a banner per journal entry. Each is an SVG written
/// here and rasterised once by libvips (librsvg, which NetVips.Native ships), so the project carries no image files
/// and the same product always gets the same picture.
/// </summary>
public static partial class DemoIllustrations
{
    /// <summary>Product pictures are 1600 × 1200 pixels (4:3), wide enough for every width the image endpoint serves below it.</summary>
    public const int ProductWidth = 1600;

    public const int ProductHeight = 1200;

    /// <summary>Journal covers are 1600 × 900 pixels (16:9).</summary>
    public const int CoverWidth = 1600;

    public const int CoverHeight = 900;

    // Fonts come from the machine through fontconfig; these are common on Linux and any sans-serif will do.
    private const string Font = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

    // Colour words as descriptions use them, first match wins ("Rosso Corsa", "Bayside Blue", "Grabber Orange").
    private static readonly (string Word, string Hex)[] ColourWords =
    [
        ("rosso", "#c8161d"), ("red", "#c8161d"), ("giallo", "#f2c01e"), ("yellow", "#f2c01e"), ("orange", "#ef7622"),
        ("blue", "#1f57b8"), ("green", "#1d7a46"), ("purple", "#6b3fa0"), ("silver", "#b9bfc7"), ("grey", "#7b838c"),
        ("gray", "#7b838c"), ("black", "#24272c"), ("white", "#f3f3ef"), ("gold", "#c9a227"), ("beige", "#d6c49b"),
        ("cream", "#eee2c0"), ("brown", "#7a4a2a"), ("maroon", "#7c1f2c"), ("teal", "#1c7c80"),
    ];

    // For products whose text names no colour: a palette of classic paint colours, picked by a hash of the slug.
    private static readonly string[] Palette =
        ["#c8161d", "#1f57b8", "#1d7a46", "#ef7622", "#f2c01e", "#6b3fa0", "#24272c", "#b9bfc7", "#0f7c9c", "#a4262c"];

    /// <summary>
    /// The SVG of a product's picture. Deterministic: the colour comes from the first colour word in the name or
    /// description (else from an FNV-1a hash of the slug, never from <see cref="string.GetHashCode()"/>, which changes
    /// between runs), the silhouette from the genre and a few names (open-wheel racers, vans).
    /// </summary>
    public static string ProductSvg(string slug, string name, string brand, string scale, Genre genre, string description)
    {
        ArgumentNullException.ThrowIfNull(slug);
        ArgumentNullException.ThrowIfNull(name);
        var colours = ColoursOf(name + " " + description);
        var body = colours.Count > 0 ? colours[0] : Palette[Hash(slug) % Palette.Length];
        var accent = colours.Count > 1 ? colours[1] : Lighten(body, 0.85);
        var shape = ShapeOf(genre, name);
        var title = TitleOf(name, scale);
        var titleSize = FitFontSize(title, 1440, 84, bold: true);
        var number = 1 + (Hash(slug + "#") % 98);

        var svg = new StringBuilder(4096);
        svg.Append(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{ProductWidth}" height="{ProductHeight}" viewBox="0 0 {ProductWidth} {ProductHeight}">
            <defs>
              <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f7f8fa"/><stop offset="1" stop-color="#e2e6eb"/></linearGradient>
              <linearGradient id="paint" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{Lighten(body, 0.25)}"/><stop offset="0.55" stop-color="{body}"/><stop offset="1" stop-color="{Darken(body, 0.35)}"/></linearGradient>
              <linearGradient id="glass" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#5d7287"/><stop offset="0.6" stop-color="#1f2a36"/><stop offset="1" stop-color="#121821"/></linearGradient>
            </defs>
            <rect width="{ProductWidth}" height="{ProductHeight}" fill="url(#bg)"/>
            <rect y="880" width="{ProductWidth}" height="320" fill="#d9dee4"/>
            <ellipse cx="800" cy="640" rx="700" ry="300" fill="{Lighten(body, 0.6)}" fill-opacity="0.35"/>
            <ellipse cx="800" cy="888" rx="640" ry="34" fill="#000" fill-opacity="0.18"/>
            <text x="800" y="170" text-anchor="middle" font-family="{Font}" font-weight="bold" font-size="{titleSize}" fill="#1d232b">{Xml(title)}</text>
            <text x="800" y="248" text-anchor="middle" font-family="{Font}" font-size="44" fill="#56606b">{Xml(brand)} · {Xml(scale)} scale</text>
            <g transform="translate(150 455) scale(1.3)" stroke="{Darken(body, 0.55)}" stroke-width="4" stroke-linejoin="round">
            """);
        shape.Draw(svg, accent, number);
        svg.Append(CultureInfo.InvariantCulture, $"""
            </g>
            <g font-family="{Font}" font-weight="bold">
              <rect x="1330" y="1040" width="200" height="84" rx="42" fill="#1d232b"/>
              <text x="1430" y="1097" text-anchor="middle" font-size="44" fill="#ffffff">{Xml(scale)}</text>
            </g>
            <text x="70" y="1097" font-family="{Font}" font-size="34" fill="#7a848f">Diecast · illustration</text>
            </svg>
            """);
        return svg.ToString();
    }

    /// <summary>The SVG of a journal entry's cover: its title on a colour picked from its slug, and a car of the kind it is about.</summary>
    public static string CoverSvg(string slug, string title, IReadOnlyCollection<string> tags)
    {
        ArgumentNullException.ThrowIfNull(slug);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(tags);
        var colour = Palette[Hash(slug) % Palette.Length];
        var genre = tags.Contains("rally") ? Genre.Rally : tags.Contains("new-arrivals") ? Genre.Supercar : Genre.Classic;
        var lines = Wrap(title, 26);
        var svg = new StringBuilder(4096);
        svg.Append(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{CoverWidth}" height="{CoverHeight}" viewBox="0 0 {CoverWidth} {CoverHeight}">
            <defs>
              <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="{Darken(colour, 0.15)}"/><stop offset="1" stop-color="{Darken(colour, 0.6)}"/></linearGradient>
              <linearGradient id="paint" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffffff"/><stop offset="1" stop-color="#cfd5dc"/></linearGradient>
              <linearGradient id="glass" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#5d7287"/><stop offset="1" stop-color="#121821"/></linearGradient>
            </defs>
            <rect width="{CoverWidth}" height="{CoverHeight}" fill="url(#bg)"/>
            <text x="90" y="150" font-family="{Font}" font-weight="bold" font-size="40" letter-spacing="6" fill="#ffffff" fill-opacity="0.75">DIECAST JOURNAL</text>
            """);
        for (var i = 0; i < lines.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="90" y="{270 + (i * 92)}" font-family="{Font}" font-weight="bold" font-size="78" fill="#ffffff">{Xml(lines[i])}</text>""");
            svg.Append('\n');
        }

        svg.Append(CultureInfo.InvariantCulture, $"""
            <ellipse cx="1180" cy="820" rx="360" ry="22" fill="#000" fill-opacity="0.3"/>
            <g transform="translate(820 560) scale(0.72)" stroke="#2a3038" stroke-width="5" stroke-linejoin="round">
            """);
        ShapeOf(genre, title).Draw(svg, colour, 1 + (Hash(slug) % 98));
        svg.Append("</g>\n</svg>\n");
        return svg.ToString();
    }

    /// <summary>
    /// Rasterises an SVG written by this class to a JPEG (quality 92, no chroma subsampling, so the flat colours and
    /// text stay crisp), which the media intake then checks and stores like any upload. (A radial gradient across the
    /// picture tripled librsvg's time, so the drawings keep to flat fills and small linear gradients.)
    /// </summary>
    public static byte[] Render(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        using var image = Image.NewFromBuffer(Encoding.UTF8.GetBytes(svg), access: Enums.Access.Sequential);
        // librsvg gives RGBA; a JPEG has no alpha, and the backgrounds are opaque anyway.
        using var opaque = image.HasAlpha() ? image.Flatten(background: [255, 255, 255]) : image.Copy();
        return opaque.JpegsaveBuffer(q: 92, subsampleMode: Enums.ForeignSubsample.Off, keep: Enums.ForeignKeep.None);
    }

    /// <summary>"Pagani Zonda R (2009) 1:18" → "Pagani Zonda R (2009)": the scale has its own line.</summary>
    private static string TitleOf(string name, string scale) =>
        name.EndsWith(" " + scale, StringComparison.Ordinal) ? name[..^(scale.Length + 1)] : name;

    private static List<string> ColoursOf(string text)
    {
        var found = new List<(int At, string Hex)>();
        foreach (var (word, hex) in ColourWords)
        {
            var match = Regex.Match(text, $@"\b{word}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            if (match.Success)
            {
                found.Add((match.Index, hex));
            }
        }

        return [.. found.OrderBy(f => f.At).Select(f => f.Hex).Distinct()];
    }

    private static Shape ShapeOf(Genre genre, string name)
    {
        if (OpenWheel().IsMatch(name))
        {
            return Shapes.OpenWheel;
        }

        if (Van().IsMatch(name))
        {
            return Shapes.Van;
        }

        return genre switch
        {
            Genre.Supercar => Shapes.Wedge,
            Genre.Racing => Shapes.Prototype,
            Genre.Classic => Shapes.Classic,
            Genre.Muscle or Genre.MovieTv => Shapes.Muscle,
            Genre.Jdm => Shapes.SportsCoupe,
            Genre.Rally => Shapes.Hatchback,
            Genre.OffRoad => Shapes.OffRoader,
            Genre.Concept => Shapes.Teardrop,
            _ => Shapes.SportsCoupe,
        };
    }

    [GeneratedRegex(@"\b(F1|Formula|MP4/\d|SF-\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OpenWheel();

    [GeneratedRegex(@"\b(Transporter|Type 2|Van|Bus)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Van();

    /// <summary>A font size at which <paramref name="text"/> fits <paramref name="width"/> pixels, estimated from average glyph widths.</summary>
    private static int FitFontSize(string text, int width, int largest, bool bold)
    {
        var perChar = bold ? 0.64 : 0.56;
        return Math.Min(largest, (int)(width / (Math.Max(1, text.Length) * perChar)));
    }

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    private static string Xml(string text) => SecurityElement.Escape(text);

    /// <summary>FNV-1a over UTF-16 code units: stable across runs and machines.</summary>
    private static int Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7fffffff);
    }

    private static string Lighten(string hex, double amount) => Mix(hex, 255, amount);

    private static string Darken(string hex, double amount) => Mix(hex, 0, amount);

    private static string Mix(string hex, int towards, double amount)
    {
        var rgb = Convert.FromHexString(hex.AsSpan(1));
        return string.Create(CultureInfo.InvariantCulture, $"#{Channel(rgb[0]):x2}{Channel(rgb[1]):x2}{Channel(rgb[2]):x2}");

        int Channel(byte value) => (int)Math.Round(value + ((towards - value) * amount));
    }

    /// <summary>
    /// A car seen from its left side, facing right, drawn in a 1000 × 340 box whose ground line is y = 330: the body
    /// (filled with the gradient <c>paint</c>), its windows (<c>glass</c>), the wheels and what makes the kind
    /// recognisable (a wing, a spare wheel, a roof scoop).
    /// </summary>
    private sealed record Shape(string Body, string Windows, (int X, int Radius)[] Wheels, string? Extras = null, bool Roundel = false, string? AccentStripe = null)
    {
        public void Draw(StringBuilder svg, string accent, int number)
        {
            if (Extras is not null)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<path d="{Extras}" fill="#2b3038"/>""").Append('\n');
            }

            svg.Append(CultureInfo.InvariantCulture, $"""<path d="{Body}" fill="url(#paint)"/>""").Append('\n');
            if (AccentStripe is not null)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<path d="{AccentStripe}" fill="{accent}" stroke="none" fill-opacity="0.9"/>""").Append('\n');
            }

            svg.Append(CultureInfo.InvariantCulture, $"""<path d="{Windows}" fill="url(#glass)" stroke-width="3"/>""").Append('\n');
            if (Roundel)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="560" cy="250" r="34" fill="#ffffff" stroke-width="3"/><text x="560" y="265" text-anchor="middle" font-family="{Font}" font-weight="bold" font-size="40" fill="#1d232b" stroke="none">{number}</text>""").Append('\n');
            }

            foreach (var (x, radius) in Wheels)
            {
                var y = 330 - radius;
                svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{x}" cy="{y}" r="{radius}" fill="#1b1d21"/><circle cx="{x}" cy="{y}" r="{radius * 0.62:0.#}" fill="#c9ccd1" stroke="#8a9099" stroke-width="3"/><circle cx="{x}" cy="{y}" r="{radius * 0.2:0.#}" fill="#6b7078" stroke="none"/>""").Append('\n');
            }
        }
    }

    private static class Shapes
    {
        public static readonly Shape Wedge = new(
            "M 60 270 C 60 240 80 228 130 222 L 330 204 C 400 162 460 138 560 133 C 650 131 720 152 800 190 L 930 214 C 962 222 972 242 968 272 L 958 296 L 70 296 Z",
            "M 420 192 C 462 160 502 148 560 146 C 630 145 680 160 732 192 Z",
            [(230, 60), (790, 62)],
            AccentStripe: "M 140 250 L 940 250 L 944 262 L 140 262 Z");

        public static readonly Shape Classic = new(
            "M 50 276 C 44 246 70 226 120 221 L 300 209 C 360 152 420 128 520 126 C 620 126 680 152 730 201 L 880 213 C 942 219 964 242 958 276 L 948 296 L 60 296 Z",
            "M 356 206 C 396 162 440 146 520 144 C 600 144 650 166 690 206 Z",
            [(230, 56), (770, 56)],
            AccentStripe: "M 70 262 L 950 262 L 952 270 L 70 270 Z");

        public static readonly Shape Muscle = new(
            "M 40 284 L 44 236 L 120 222 L 340 212 C 392 176 432 150 500 146 L 618 146 C 680 150 722 190 782 212 L 950 222 L 964 250 L 960 288 L 50 294 Z",
            "M 392 208 C 422 180 452 163 502 161 L 608 161 C 650 166 690 194 720 210 Z",
            [(215, 62), (790, 62)],
            AccentStripe: "M 782 214 L 950 224 L 952 234 L 782 226 Z M 120 226 L 340 216 L 340 228 L 120 236 Z");

        public static readonly Shape SportsCoupe = new(
            "M 55 280 L 58 238 C 70 226 110 220 160 218 L 320 208 C 372 166 422 142 500 140 L 600 140 C 660 145 702 180 746 205 L 905 218 C 946 224 962 246 960 280 L 950 296 L 65 296 Z",
            "M 372 204 C 410 170 452 155 502 154 L 596 154 C 640 158 676 182 706 204 Z",
            [(220, 58), (790, 58)],
            "M 44 224 L 34 196 L 124 194 L 134 214 Z",
            AccentStripe: "M 70 256 L 950 256 L 952 266 L 70 266 Z");

        public static readonly Shape Hatchback = new(
            "M 80 286 L 86 200 C 92 160 112 136 160 130 L 560 128 C 620 130 662 170 702 200 L 900 226 C 946 233 962 252 958 286 L 948 300 L 90 300 Z",
            "M 172 200 L 178 150 L 548 148 C 600 152 630 180 660 200 Z",
            [(250, 58), (790, 58)],
            "M 300 130 L 322 110 L 420 110 L 432 130 Z M 870 230 L 920 230 L 920 250 L 870 250 Z",
            Roundel: true,
            AccentStripe: "M 90 226 L 900 232 L 902 244 L 90 240 Z");

        public static readonly Shape OffRoader = new(
            "M 70 292 L 70 152 C 70 130 86 118 112 118 L 620 118 C 642 118 656 126 666 140 L 722 202 L 916 212 C 942 214 952 230 952 252 L 952 296 L 76 296 Z",
            "M 112 202 L 112 140 L 330 140 L 330 202 Z M 350 202 L 350 140 L 612 140 L 658 202 Z",
            [(250, 70), (770, 70)],
            "M 10 218 A 48 48 0 1 0 106 218 A 48 48 0 1 0 10 218 Z",
            AccentStripe: "M 76 236 L 952 240 L 952 252 L 76 248 Z");

        public static readonly Shape Prototype = new(
            "M 50 286 L 60 230 C 120 216 220 212 330 205 C 392 166 452 150 522 150 C 600 152 652 176 702 206 L 900 232 C 950 240 968 258 965 286 L 955 298 L 60 298 Z",
            "M 412 200 C 442 176 482 164 526 164 C 580 166 620 182 650 203 Z",
            [(225, 58), (800, 58)],
            "M 36 172 L 176 172 L 176 190 L 36 190 Z M 96 190 L 112 190 L 118 224 L 102 224 Z",
            Roundel: true,
            AccentStripe: "M 330 207 L 700 207 L 860 232 L 860 244 L 330 244 Z");

        public static readonly Shape OpenWheel = new(
            "M 120 240 L 300 230 L 420 214 C 450 182 482 170 520 170 L 562 172 L 602 214 L 930 246 C 956 251 962 262 950 272 L 600 282 L 120 282 Z",
            "M 470 214 C 480 196 500 186 522 186 L 548 188 L 566 214 Z",
            [(190, 70), (800, 60)],
            "M 58 156 L 192 156 L 192 196 L 58 196 Z M 110 196 L 130 196 L 140 246 L 120 246 Z M 878 274 L 992 274 L 992 292 L 878 292 Z",
            AccentStripe: "M 300 240 L 930 256 L 930 262 L 300 252 Z");

        public static readonly Shape Teardrop = new(
            "M 60 276 C 60 236 120 216 260 206 C 380 152 480 122 600 126 C 720 131 830 180 930 230 C 966 246 972 266 962 286 L 70 292 Z",
            "M 400 192 C 470 152 540 140 610 144 C 690 150 760 182 800 206 Z",
            [(230, 56), (790, 56)],
            AccentStripe: "M 120 262 L 950 262 L 950 268 L 120 268 Z");

        public static readonly Shape Van = new(
            "M 70 292 L 70 122 C 70 82 100 62 150 62 L 860 62 C 922 62 952 102 956 152 L 960 292 Z",
            "M 120 156 L 120 100 L 300 100 L 300 156 Z M 330 156 L 330 100 L 510 100 L 510 156 Z M 540 156 L 540 100 L 720 100 L 720 156 Z M 760 160 L 760 100 L 880 100 C 910 100 925 130 928 160 Z",
            [(230, 58), (780, 58)],
            AccentStripe: "M 70 180 L 960 180 L 960 196 L 70 196 Z");
    }
}
