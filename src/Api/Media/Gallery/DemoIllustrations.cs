using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Diecast.Api.Catalog;

namespace Diecast.Api.Media.Gallery;

/// <summary>
/// The demo shop's pictures, drawn rather than downloaded: a side view of a car whose silhouette follows the product's
/// genre, in the product's colour, with its name and scale; and a banner per journal entry. The shapes are SVG path
/// data written here, painted by <see cref="VectorCanvas"/> on libvips (not by librsvg: the media module blocks
/// libvips's untrusted loaders, SVG's among them), so the project carries no image files and the same product always
/// gets the same picture.
/// </summary>
public static partial class DemoIllustrations
{
    /// <summary>
    /// Product pictures are drawn on a 1600 × 1200 (4:3) layout and painted at 1200 × 900: as sharp as a product
    /// page's main picture needs (1080 wide by default), and about half the pixels to draw and check at seed time.
    /// </summary>
    public const int ProductWidth = 1600;

    public const int ProductHeight = 1200;

    /// <summary>Journal covers are drawn on a 1600 × 900 (16:9) layout, painted at 1200 × 675.</summary>
    public const int CoverWidth = 1600;

    public const int CoverHeight = 900;

    /// <summary>The painted size against the layout's.</summary>
    public const double PaintScale = 0.75;

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
    /// A product's picture as a JPEG. Deterministic: the colour comes from the first colour word in the name or
    /// description (else from an FNV-1a hash of the slug, never from <see cref="string.GetHashCode()"/>, which changes
    /// between runs), the silhouette from the genre and a few names (open-wheel racers, vans).
    /// </summary>
    public static byte[] RenderProduct(string slug, string name, string brand, string scale, Genre genre, string description)
    {
        ArgumentNullException.ThrowIfNull(slug);
        ArgumentNullException.ThrowIfNull(name);
        var colours = ColoursOf(name + " " + description);
        var body = colours.Count > 0 ? colours[0] : Palette[Hash(slug) % Palette.Length];
        var accent = colours.Count > 1 ? colours[1] : Lighten(body, 0.85);
        var number = 1 + (Hash(slug + "#") % 98);

        using var canvas = new VectorCanvas(ProductWidth, ProductHeight, "#f7f8fa", "#e2e6eb", PaintScale);
        canvas.Path("M 0 880 L 1600 880 L 1600 1200 L 0 1200 Z", Transform.Identity, "#d9dee4");
        canvas.Ellipse(800, 640, 700, 300, Lighten(body, 0.6), opacity: 0.35);
        canvas.Ellipse(800, 888, 640, 34, "#000000", opacity: 0.18);
        canvas.Text(TitleOf(name, scale), 800, 170, 84, "#1d232b", bold: true, anchor: TextAnchor.Middle, maxWidth: 1440);
        canvas.Text($"{brand} · {scale} scale", 800, 248, 44, "#56606b", anchor: TextAnchor.Middle, maxWidth: 1440);
        ShapeOf(genre, name).Draw(canvas, new Transform(150, 455, 1.3), body, accent, number);
        canvas.Path("M 1372 1040 L 1488 1040 L 1488 1124 L 1372 1124 Z", Transform.Identity, "#1d232b");
        canvas.Ellipse(1372, 1082, 42, 42, "#1d232b");
        canvas.Ellipse(1488, 1082, 42, 42, "#1d232b");
        canvas.Text(scale, 1430, 1097, 44, "#ffffff", bold: true, anchor: TextAnchor.Middle);
        canvas.Text("Diecast · illustration", 70, 1097, 34, "#7a848f");
        return canvas.Jpeg();
    }

    /// <summary>A journal entry's cover as a JPEG: its title on a colour picked from its slug, and a car of the kind it is about.</summary>
    public static byte[] RenderCover(string slug, string title, IReadOnlyCollection<string> tags)
    {
        ArgumentNullException.ThrowIfNull(slug);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(tags);
        var colour = Palette[Hash(slug) % Palette.Length];
        var genre = tags.Contains("rally") ? Genre.Rally : tags.Contains("new-arrivals") ? Genre.Supercar : Genre.Classic;
        using var canvas = new VectorCanvas(CoverWidth, CoverHeight, Darken(colour, 0.15), Darken(colour, 0.6), PaintScale);
        canvas.Text("DIECAST JOURNAL", 90, 150, 40, "#ffffff", bold: true, opacity: 0.75);
        var lines = Wrap(title, 26);
        for (var i = 0; i < lines.Count; i++)
        {
            canvas.Text(lines[i], 90, 270 + (i * 92), 78, "#ffffff", bold: true, maxWidth: 1420);
        }

        canvas.Ellipse(1180, 820, 360, 22, "#000000", opacity: 0.3);
        ShapeOf(genre, title).Draw(canvas, new Transform(820, 560, 0.72), "#f4f6f8", colour, 1 + (Hash(slug) % 98));
        return canvas.Jpeg();
    }

    /// <summary>"Pagani Zonda R (2009) 1:18" → "Pagani Zonda R (2009)": the scale has its own line.</summary>
    internal static string TitleOf(string name, string scale) =>
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
    /// (in the paint colour, lighter at the top), its windows, the wheels and what makes the kind recognisable (a wing,
    /// a spare wheel, a roof scoop, a race number).
    /// </summary>
    private sealed record Shape(string Body, string Windows, (int X, int Radius)[] Wheels, string? Extras = null, bool Roundel = false, string? AccentStripe = null, bool Spare = false)
    {
        public void Draw(VectorCanvas canvas, Transform at, string paint, string accent, int number)
        {
            var outline = Darken(paint, 0.55);
            var scale = at.Scale;
            if (Extras is not null)
            {
                canvas.Path(Extras, at, "#2b3038");
            }

            if (Spare)
            {
                var (x, y) = at.Apply((58, 218));
                canvas.Ellipse(x, y, 48 * scale, 48 * scale, "#1b1d21");
            }

            canvas.Path(Body, at, Lighten(paint, 0.25), Darken(paint, 0.35), outline: outline, outlineWidth: 3);
            if (AccentStripe is not null)
            {
                canvas.Path(AccentStripe, at, accent, opacity: 0.9);
            }

            canvas.Path(Windows, at, "#5d7287", "#121821", outline: outline, outlineWidth: 2);
            if (Roundel)
            {
                var (x, y) = at.Apply((560, 250));
                canvas.Ellipse(x, y, 34 * scale, 34 * scale, "#ffffff", outline: outline, outlineWidth: 2);
                canvas.Text(number.ToString(CultureInfo.InvariantCulture), x, y + (15 * scale), (int)(40 * scale), "#1d232b", bold: true, anchor: TextAnchor.Middle);
            }

            foreach (var (wheelX, radius) in Wheels)
            {
                var (x, y) = at.Apply((wheelX, 330 - radius));
                canvas.Ellipse(x, y, radius * scale, radius * scale, "#1b1d21");
                canvas.Ellipse(x, y, radius * 0.62 * scale, radius * 0.62 * scale, "#c9ccd1", outline: "#8a9099", outlineWidth: 2);
                canvas.Ellipse(x, y, radius * 0.2 * scale, radius * 0.2 * scale, "#6b7078");
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
            Spare: true,
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
