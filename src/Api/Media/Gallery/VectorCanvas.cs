using System.Globalization;
using NetVips;

namespace Diecast.Api.Media.Gallery;

/// <summary>
/// A small vector painter on libvips, for the demo drawings: filled paths (M, L, C, Z in absolute coordinates), ellipses
/// and text, each antialiased, in a solid colour or a vertical gradient, optionally outlined. It exists because the
/// media module blocks libvips's untrusted loaders (<c>NetVips.BlockUntrusted</c>), SVG's among them, for every upload
/// in the process: the drawings are rasterised here instead, into an RGB buffer (coverage masks and blending in C#,
/// which measured ten times faster than compositing each shape with libvips), with text set by libvips's own
/// <c>text</c> operation (Pango); libvips encodes the result.
/// </summary>
internal sealed class VectorCanvas : IDisposable
{
    /// <summary>Scanlines per pixel row when a mask is filled (across a row, coverage is exact).</summary>
    private const int Supersample = 4;

    private readonly byte[] _pixels;

    private readonly double _scale;

    /// <summary>
    /// A canvas filled with a vertical gradient, drawn in coordinates of a <paramref name="width"/> ×
    /// <paramref name="height"/> picture and painted <paramref name="scale"/> times that size.
    /// </summary>
    public VectorCanvas(int width, int height, string top, string bottom, double scale = 1)
    {
        _scale = scale;
        width = (int)Math.Round(width * scale);
        height = (int)Math.Round(height * scale);
        Width = width;
        Height = height;
        _pixels = new byte[width * height * 3];
        var from = Rgb(top);
        var to = Rgb(bottom);
        for (var y = 0; y < height; y++)
        {
            var colour = Between(from, to, height > 1 ? y / (double)(height - 1) : 0);
            for (var x = 0; x < width; x++)
            {
                var at = ((y * width) + x) * 3;
                _pixels[at] = colour[0];
                _pixels[at + 1] = colour[1];
                _pixels[at + 2] = colour[2];
            }
        }
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Fills the path <paramref name="d"/>, placed by <paramref name="transform"/>, with <paramref name="fill"/> (or a gradient to <paramref name="fillBottom"/>); an outline of <paramref name="outlineWidth"/> pixels when <paramref name="outline"/> is given.</summary>
    public void Path(string d, Transform transform, string fill, string? fillBottom = null, double opacity = 1, string? outline = null, int outlineWidth = 0) =>
        Fill(Flatten(d, new Transform(transform.X * _scale, transform.Y * _scale, transform.Scale * _scale)), fill, fillBottom, opacity, outline, Scaled(outlineWidth));

    public void Ellipse(double cx, double cy, double rx, double ry, string fill, double opacity = 1, string? outline = null, int outlineWidth = 0)
    {
        var points = new List<(double X, double Y)>(96);
        for (var i = 0; i < 96; i++)
        {
            var angle = i * Math.PI * 2 / 96;
            points.Add(((cx + (rx * Math.Cos(angle))) * _scale, (cy + (ry * Math.Sin(angle))) * _scale));
        }

        Fill([points], fill, null, opacity, outline, Scaled(outlineWidth));
    }

    /// <summary>
    /// Sets <paramref name="text"/> with its baseline at <paramref name="y"/>, starting at, centred on or ending at <paramref name="x"/>.
    /// A line wider than <paramref name="maxWidth"/> is set smaller until it fits.
    /// </summary>
    public void Text(string text, double x, double y, int size, string colour, bool bold = false, TextAnchor anchor = TextAnchor.Start, double opacity = 1, int maxWidth = int.MaxValue)
    {
        (x, y, size) = (x * _scale, y * _scale, Math.Max(1, Scaled(size)));
        maxWidth = maxWidth == int.MaxValue ? maxWidth : Scaled(maxWidth);
        var (mask, width, height) = Line(text, size, bold);
        if (width > maxWidth)
        {
            size = (int)Math.Floor(size * (double)maxWidth / width);
            (mask, width, height) = Line(text, size, bold);
        }

        var left = anchor switch
        {
            TextAnchor.Middle => x - (width / 2.0),
            TextAnchor.End => x - width,
            _ => x,
        };
        // The mask's top is the line's top; the baseline sits about 0.8 of the size below it.
        var top = y - (size * 0.8);
        Blend(mask, (int)Math.Round(left), (int)Math.Round(top), width, height, Rgb(colour), null, opacity);
    }

    /// <summary>The picture as a JPEG (quality 92, no chroma subsampling, so flat colours and text stay crisp, no metadata).</summary>
    public byte[] Jpeg()
    {
        using var image = Image.NewFromMemory(_pixels, Width, Height, 3, Enums.BandFormat.Uchar);
        using var srgb = image.Copy(interpretation: Enums.Interpretation.Srgb);
        return srgb.JpegsaveBuffer(q: 92, subsampleMode: Enums.ForeignSubsample.Off, keep: Enums.ForeignKeep.None);
    }

    public void Dispose()
    {
        // Nothing native is held between calls; the type is disposable so callers scope it like the images it makes.
    }

    private int Scaled(int length) => (int)Math.Round(length * _scale);

    private static (byte[] Mask, int Width, int Height) Line(string text, int size, bool bold)
    {
        // Fonts come from fontconfig; DejaVu Sans is on most Linux machines and Pango falls back to a sans-serif otherwise.
        var font = string.Create(CultureInfo.InvariantCulture, $"DejaVu Sans{(bold ? " Bold" : "")} {size}");
        // Pango reads the text as markup: escaped, so a name with '&' is set as written.
        using var mask = Image.Text(System.Security.SecurityElement.Escape(text), font: font, dpi: 72);
        return (mask.WriteToMemory<byte>(), mask.Width, mask.Height);
    }

    private void Fill(List<List<(double X, double Y)>> polygons, string fill, string? fillBottom, double opacity, string? outline, int outlineWidth)
    {
        var points = polygons.SelectMany(p => p).ToList();
        if (points.Count == 0)
        {
            return;
        }

        var pad = outlineWidth + 2;
        var left = Math.Max(0, (int)Math.Floor(points.Min(p => p.X)) - pad);
        var top = Math.Max(0, (int)Math.Floor(points.Min(p => p.Y)) - pad);
        var right = Math.Min(Width, (int)Math.Ceiling(points.Max(p => p.X)) + pad);
        var bottom = Math.Min(Height, (int)Math.Ceiling(points.Max(p => p.Y)) + pad);
        if (right <= left || bottom <= top)
        {
            return;
        }

        var (width, height) = (right - left, bottom - top);
        var mask = Mask(polygons, left, top, width, height);
        if (outline is not null && outlineWidth > 0)
        {
            Blend(Dilate(mask, width, height, outlineWidth), left, top, width, height, Rgb(outline), null, opacity);
        }

        Blend(mask, left, top, width, height, Rgb(fill), fillBottom is null ? null : Rgb(fillBottom), opacity);
    }

    /// <summary>Paints a colour (or a vertical gradient to <paramref name="bottom"/>) through a coverage mask placed at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    private void Blend(byte[] mask, int left, int top, int width, int height, byte[] colour, byte[]? bottom, double opacity)
    {
        for (var row = 0; row < height; row++)
        {
            var y = top + row;
            if (y < 0 || y >= Height)
            {
                continue;
            }

            var paint = bottom is null ? colour : Between(colour, bottom, height > 1 ? row / (double)(height - 1) : 0);
            for (var column = 0; column < width; column++)
            {
                var x = left + column;
                var coverage = mask[(row * width) + column];
                if (coverage == 0 || x < 0 || x >= Width)
                {
                    continue;
                }

                // Integer blending: the alpha in 0–255, rounded once.
                var alpha = (int)((coverage * opacity) + 0.5);
                var at = ((y * Width) + x) * 3;
                for (var band = 0; band < 3; band++)
                {
                    _pixels[at + band] = (byte)(((_pixels[at + band] * (255 - alpha)) + (paint[band] * alpha) + 127) / 255);
                }
            }
        }
    }

    /// <summary>
    /// Even-odd coverage of the polygons in the box, as 0–255: <see cref="Supersample"/> scanlines per pixel row, each
    /// span's ends counted by the fraction of the pixel they cover.
    /// </summary>
    private static byte[] Mask(List<List<(double X, double Y)>> polygons, int left, int top, int width, int height)
    {
        var coverage = new float[width * height];
        var edges = new List<(double X0, double Y0, double X1, double Y1)>();
        foreach (var polygon in polygons)
        {
            for (var i = 0; i < polygon.Count; i++)
            {
                var (x0, y0) = polygon[i];
                var (x1, y1) = polygon[(i + 1) % polygon.Count];
                if (y0 != y1)
                {
                    edges.Add((x0 - left, (y0 - top) * Supersample, x1 - left, (y1 - top) * Supersample));
                }
            }
        }

        var crossings = new List<double>();
        const float Weight = 1f / Supersample;
        for (var row = 0; row < height * Supersample; row++)
        {
            var y = row + 0.5;
            crossings.Clear();
            foreach (var (x0, y0, x1, y1) in edges)
            {
                if ((y0 <= y && y < y1) || (y1 <= y && y < y0))
                {
                    crossings.Add(x0 + ((y - y0) * (x1 - x0) / (y1 - y0)));
                }
            }

            crossings.Sort();
            var line = row / Supersample * width;
            for (var i = 0; i + 1 < crossings.Count; i += 2)
            {
                var from = Math.Clamp(crossings[i], 0, width);
                var to = Math.Clamp(crossings[i + 1], 0, width);
                var first = (int)Math.Floor(from);
                var last = (int)Math.Floor(to);
                if (first == last)
                {
                    if (first < width)
                    {
                        coverage[line + first] += (float)(to - from) * Weight;
                    }

                    continue;
                }

                coverage[line + first] += (float)(first + 1 - from) * Weight;
                for (var x = first + 1; x < last; x++)
                {
                    coverage[line + x] += Weight;
                }

                if (last < width)
                {
                    coverage[line + last] += (float)(to - last) * Weight;
                }
            }
        }

        var mask = new byte[coverage.Length];
        for (var i = 0; i < coverage.Length; i++)
        {
            mask[i] = (byte)Math.Min(255, (int)((coverage[i] * 255) + 0.5f));
        }

        return mask;
    }

    /// <summary>The mask grown by <paramref name="radius"/> pixels (a square max filter, in two passes), for outlines.</summary>
    private static byte[] Dilate(byte[] mask, int width, int height, int radius)
    {
        var across = new byte[mask.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                byte max = 0;
                for (var dx = Math.Max(0, x - radius); dx <= Math.Min(width - 1, x + radius); dx++)
                {
                    max = Math.Max(max, mask[(y * width) + dx]);
                }

                across[(y * width) + x] = max;
            }
        }

        var grown = new byte[mask.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                byte max = 0;
                for (var dy = Math.Max(0, y - radius); dy <= Math.Min(height - 1, y + radius); dy++)
                {
                    max = Math.Max(max, across[(dy * width) + x]);
                }

                grown[(y * width) + x] = max;
            }
        }

        return grown;
    }

    /// <summary>The path's subpaths as polygons: cubic curves cut into 16 straight pieces.</summary>
    private static List<List<(double X, double Y)>> Flatten(string d, Transform transform)
    {
        var polygons = new List<List<(double X, double Y)>>();
        List<(double X, double Y)>? current = null;
        var tokens = d.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var at = (X: 0.0, Y: 0.0);
        var i = 0;
        double Number() => double.Parse(tokens[i++], CultureInfo.InvariantCulture);
        while (i < tokens.Length)
        {
            var command = tokens[i++];
            switch (command)
            {
                case "M":
                    at = (Number(), Number());
                    current = [transform.Apply(at)];
                    polygons.Add(current);
                    break;
                case "L":
                    at = (Number(), Number());
                    current!.Add(transform.Apply(at));
                    break;
                case "C":
                    var c1 = (X: Number(), Y: Number());
                    var c2 = (X: Number(), Y: Number());
                    var end = (X: Number(), Y: Number());
                    for (var step = 1; step <= 16; step++)
                    {
                        var t = step / 16.0;
                        var u = 1 - t;
                        var x = (u * u * u * at.X) + (3 * u * u * t * c1.X) + (3 * u * t * t * c2.X) + (t * t * t * end.X);
                        var y = (u * u * u * at.Y) + (3 * u * u * t * c1.Y) + (3 * u * t * t * c2.Y) + (t * t * t * end.Y);
                        current!.Add(transform.Apply((x, y)));
                    }

                    at = end;
                    break;
                case "Z":
                    break;
                default:
                    throw new FormatException($"The path command '{command}' is not drawn here (M, L, C, Z only).");
            }
        }

        return polygons;
    }

    private static byte[] Rgb(string hex) => Convert.FromHexString(hex.AsSpan(1));

    private static byte[] Between(byte[] from, byte[] to, double t) =>
        [(byte)Math.Round(from[0] + ((to[0] - from[0]) * t)), (byte)Math.Round(from[1] + ((to[1] - from[1]) * t)), (byte)Math.Round(from[2] + ((to[2] - from[2]) * t))];
}

/// <summary>Where text sits against its x coordinate.</summary>
internal enum TextAnchor
{
    Start,
    Middle,
    End,
}

/// <summary>Translate then scale, as SVG's <c>transform="translate(x y) scale(s)"</c>.</summary>
internal readonly record struct Transform(double X, double Y, double Scale)
{
    public static readonly Transform Identity = new(0, 0, 1);

    public (double X, double Y) Apply((double X, double Y) point) => (X + (point.X * Scale), Y + (point.Y * Scale));
}
