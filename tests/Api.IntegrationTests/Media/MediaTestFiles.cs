using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Diecast.GraphQL.Server.Http;
using NetVips;

namespace Diecast.Api.IntegrationTests.Media;

/// <summary>An upload as the transport hands it over: bytes, and a name and type the intake must not trust.</summary>
public sealed class TestFile(byte[] bytes, string name, string? contentType = null) : IFile
{
    public string Name { get; } = name;

    public string? ContentType { get; } = contentType;

    public long Length => bytes.Length;

    public Stream OpenReadStream() => new MemoryStream(bytes, writable: false);
}

/// <summary>Real files made in the test: pictures by libvips, hostile ones by hand.</summary>
public static class MediaTestFiles
{
    /// <summary>
    /// A <paramref name="width"/>×<paramref name="height"/> picture whose left half is red and right half blue, with a
    /// per-call shade so each call gives different bytes (content addressing would otherwise merge test files).
    /// </summary>
    public static NetVips.Image Picture(int width, int height, int shade = 0, bool alpha = false)
    {
        using var red = NetVips.Image.Black(width / 2, height).NewFromImage(220, 20 + (shade % 200), 30);
        using var blue = NetVips.Image.Black(width - width / 2, height).NewFromImage(30, 40, 220 - (shade % 200));
        var joined = red.Join(blue, Enums.Direction.Horizontal).Copy(interpretation: Enums.Interpretation.Srgb);
        if (!alpha)
        {
            return joined;
        }

        using (joined)
        {
            return joined.Bandjoin(255 / 2);
        }
    }

    public static byte[] Jpeg(int width = 300, int height = 200, int shade = 0)
    {
        using var image = Picture(width, height, shade);
        return image.JpegsaveBuffer(q: 90);
    }

    public static byte[] Png(int width = 300, int height = 200, int shade = 0, bool alpha = false)
    {
        using var image = Picture(width, height, shade, alpha);
        return image.PngsaveBuffer();
    }

    public static byte[] Webp(int width = 300, int height = 200, int shade = 0)
    {
        using var image = Picture(width, height, shade);
        return image.WebpsaveBuffer(q: 90);
    }

    public static byte[] Avif(int width = 300, int height = 200, int shade = 0)
    {
        using var image = Picture(width, height, shade);
        return image.HeifsaveBuffer(q: 70, compression: Enums.ForeignHeifCompression.Av1, effort: 0);
    }

    public static byte[] Gif(int width = 40, int height = 30)
    {
        using var image = Picture(width, height);
        return image.GifsaveBuffer();
    }

    /// <summary>
    /// A JPEG taken by a phone held upright: stored landscape (left red, right blue) with EXIF orientation 6 (display
    /// rotated 90° clockwise: red on top), EXIF GPS coordinates, a camera owner and XMP with a location.
    /// </summary>
    public static byte[] PhoneJpeg(int shade = 0) => PhoneJpeg(300, 200, 6, shade);

    /// <summary>As <see cref="PhoneJpeg(int)"/>, at a camera's size and with any EXIF orientation (1–8).</summary>
    public static byte[] PhoneJpeg(int width, int height, int orientation, int shade = 0)
    {
        using var picture = Picture(width, height, shade);
        using var tagged = picture.Mutate(image =>
        {
            image.Set(GValue.BlobType, "exif-data", Exif());
            image.Set(GValue.GIntType, "orientation", orientation);
            image.Set(GValue.BlobType, "xmp-data", Encoding.UTF8.GetBytes(Xmp));
        });
        return tagged.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.All);
    }

    public const string SecretOwner = "Rahul Sharma, Koramangala";

    private const string Xmp = """<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="Bengaluru"/></rdf:RDF></x:xmpmeta>""";

    /// <summary>A little-endian EXIF block by hand: IFD0 with Orientation 6, Artist and a GPS IFD (12°58' N).</summary>
    private static byte[] Exif()
    {
        var tiff = new byte[200];
        var span = tiff.AsSpan();
        "II"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], 8);
        // IFD0 at 8: 3 entries.
        var artist = Encoding.ASCII.GetBytes(SecretOwner + "\0");
        const int ifd0 = 8, gpsIfd = 8 + 2 + (3 * 12) + 4, artistAt = 120, latitudeAt = 160;
        BinaryPrimitives.WriteUInt16LittleEndian(span[ifd0..], 3);
        Entry(span, ifd0 + 2, 0x0112, 3, 1, 6);                       // Orientation SHORT 6
        Entry(span, ifd0 + 14, 0x013B, 2, (uint)artist.Length, artistAt); // Artist ASCII
        Entry(span, ifd0 + 26, 0x8825, 4, 1, gpsIfd);                  // GPS IFD pointer
        BinaryPrimitives.WriteUInt32LittleEndian(span[(ifd0 + 38)..], 0);
        // GPS IFD: 2 entries.
        BinaryPrimitives.WriteUInt16LittleEndian(span[gpsIfd..], 2);
        Entry(span, gpsIfd + 2, 0x0001, 2, 2, 'N');                    // GPSLatitudeRef "N"
        Entry(span, gpsIfd + 14, 0x0002, 5, 3, latitudeAt);            // GPSLatitude 3 RATIONAL
        BinaryPrimitives.WriteUInt32LittleEndian(span[(gpsIfd + 26)..], 0);
        artist.CopyTo(span[artistAt..]);
        uint[] latitude = [12, 1, 58, 1, 0, 1];
        for (var i = 0; i < latitude.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[(latitudeAt + (4 * i))..], latitude[i]);
        }

        return [.. "Exif\0\0"u8, .. tiff];
    }

    private static void Entry(Span<byte> span, int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], tag);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(at + 2)..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 4)..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 8)..], value);
    }

    /// <summary>
    /// A decompression bomb: a valid PNG of a few hundred bytes whose header declares <paramref name="width"/>×<paramref name="height"/>
    /// greyscale pixels (900 million by default), with a compressed stream of zeros that would inflate to all of them.
    /// </summary>
    public static byte[] PngBomb(int width = 30000, int height = 30000)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (grey), deflate, filter 0, no interlace
        Chunk(png, "IHDR", header);
        using (var deflated = new MemoryStream())
        {
            using (var zlib = new ZLibStream(deflated, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(new byte[64 * 1024]); // the first rows only: enough to look real, small to send
            }

            Chunk(png, "IDAT", deflated.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>An SVG whose script would run if a browser showed it from our origin.</summary>
    public static byte[] SvgWithScript() => Encoding.UTF8.GetBytes(
        """<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" onload="fetch('/graphql')"><script>alert(document.cookie)</script><rect width="100" height="100" fill="red"/></svg>""");

    /// <summary>HTML a client would call a picture.</summary>
    public static byte[] Html() => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");

    /// <summary>An MP4's first bytes: an ftyp box (isom) then an empty mdat, with <paramref name="payload"/> bytes after it.</summary>
    public static byte[] Mp4(int payload = 3000)
    {
        var bytes = new byte[32 + payload];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, 24);
        "ftypisom"u8.CopyTo(bytes.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12), 0x200);
        "isomiso2mp41"u8.CopyTo(bytes.AsSpan(16));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(24), (uint)(8 + payload));
        "mdat"u8.CopyTo(bytes.AsSpan(28));
        for (var i = 0; i < payload; i++)
        {
            bytes[32 + i] = (byte)(i * 7);
        }

        return bytes;
    }

    /// <summary>A WebM's EBML header (DocType "webm") followed by <paramref name="payload"/> bytes.</summary>
    public static byte[] Webm(int payload = 2000, string docType = "webm")
    {
        byte[] head = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0x82, (byte)(0x80 | docType.Length), .. Encoding.ASCII.GetBytes(docType)];
        var bytes = new byte[head.Length + payload];
        head.CopyTo(bytes, 0);
        for (var i = 0; i < payload; i++)
        {
            bytes[head.Length + i] = (byte)(i * 13);
        }

        return bytes;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
