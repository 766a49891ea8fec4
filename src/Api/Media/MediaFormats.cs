using System.Text;

namespace Diecast.Api.Media;

/// <summary>
/// Formats told by their first bytes (magic numbers), never by a file name or a client's content type.
/// Sources: JPEG (ITU T.81 SOI FF D8 then a marker FF), PNG (its 8-byte signature), WebP (RIFF….WEBP), AVIF and MP4
/// (ISO BMFF: an <c>ftyp</c> box at offset 4 with its brands), WebM (an EBML header 1A 45 DF A3 whose DocType is "webm").
/// </summary>
public static class MediaFormats
{
    /// <summary>An accepted image's format name and content type, or null: then <paramref name="refusal"/> says what it looks like.</summary>
    public static (string Format, string ContentType)? DetectImage(ReadOnlySpan<byte> head, out string refusal)
    {
        refusal = "";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ("jpeg", "image/jpeg");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ("png", "image/png");
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return ("webp", "image/webp");
        }

        if (FtypBrands(head) is { } brands)
        {
            if (brands.Contains("avif") || brands.Contains("avis"))
            {
                return ("avif", "image/avif");
            }

            refusal = $"an ISO media file with brands {string.Join(", ", brands)} (HEIC, MP4 …), not AVIF";
            return null;
        }

        refusal = Describe(head);
        return null;
    }

    /// <summary>An accepted video's format name and content type, or null: then <paramref name="refusal"/> says what it looks like.</summary>
    public static (string Format, string ContentType)? DetectVideo(ReadOnlySpan<byte> head, out string refusal)
    {
        refusal = "";
        if (FtypBrands(head) is { } brands)
        {
            // Still images in an ISO container (AVIF, HEIC) are not videos.
            string[] stills = ["avif", "avis", "heic", "heix", "mif1", "msf1"];
            if (stills.Contains(brands[0]))
            {
                refusal = $"an ISO image file (brand {brands[0]}), not a video";
                return null;
            }

            return ("mp4", "video/mp4");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            // The DocType element (ID 42 82) sits in the EBML header, within its first few dozen bytes.
            var docType = head.IndexOf((ReadOnlySpan<byte>)[0x42, 0x82]);
            if (docType > 0 && docType + 3 < head.Length)
            {
                var length = head[docType + 2] & 0x7F; // a one-byte EBML size (0x84 → 4)
                if (docType + 3 + length <= head.Length && head.Slice(docType + 3, length).SequenceEqual("webm"u8))
                {
                    return ("webm", "video/webm");
                }
            }

            refusal = "a Matroska file that is not WebM";
            return null;
        }

        refusal = Describe(head);
        return null;
    }

    /// <summary>The major brand then the compatible brands of an ISO BMFF file, or null when it has no <c>ftyp</c> box at offset 4.</summary>
    private static string[]? FtypBrands(ReadOnlySpan<byte> head)
    {
        if (head.Length < 16 || !head[4..8].SequenceEqual("ftyp"u8))
        {
            return null;
        }

        var size = (int)Math.Min(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(head), (uint)head.Length);
        var brands = new List<string> { Encoding.ASCII.GetString(head[8..12]) };
        for (var offset = 16; offset + 4 <= size; offset += 4)
        {
            brands.Add(Encoding.ASCII.GetString(head.Slice(offset, 4)));
        }

        return [.. brands];
    }

    private static string Describe(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("GIF8"u8))
        {
            return "a GIF";
        }

        var text = Encoding.UTF8.GetString(head[..Math.Min(head.Length, 512)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').ToUpperInvariant();
        if (text.Contains("<SVG", StringComparison.Ordinal))
        {
            return "an SVG";
        }

        if (text.StartsWith('<'))
        {
            return "HTML or XML";
        }

        return head.StartsWith("BM"u8) ? "a BMP" : head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8) ? "a TIFF" : "not a known format";
    }
}
