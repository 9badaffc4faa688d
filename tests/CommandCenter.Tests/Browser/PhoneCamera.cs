using System.Buffers.Binary;
using System.Text;
using Microsoft.Playwright;

namespace CommandCenter.Tests.Browser;

/// <summary>
/// Photos as a phone's camera writes them: a real JPEG (drawn by the browser's canvas, so it decodes) with an
/// EXIF block naming when (with the camera's offset) and where (GPS) it was taken.
/// </summary>
public static class PhoneCamera
{
    /// <summary>A 1200×900 JPEG of a street scene's colours, with EXIF DateTimeOriginal, OffsetTimeOriginal and GPS.</summary>
    public static async Task<byte[]> Photo(IPage page, DateTimeOffset takenAt, double lat, double lon)
    {
        var dataUrl = await page.EvaluateAsync<string>("""
            () => {
              const c = document.createElement('canvas'); c.width = 1200; c.height = 900;
              const g = c.getContext('2d');
              g.fillStyle = '#6b7b8c'; g.fillRect(0, 0, 1200, 900);
              g.fillStyle = '#c8a165'; g.fillRect(100, 500, 1000, 300);
              g.fillStyle = '#2e7d32'; g.beginPath(); g.arc(600, 300, 180, 0, Math.PI * 2); g.fill();
              return c.toDataURL('image/jpeg', 0.92);
            }
            """);
        var jpeg = Convert.FromBase64String(dataUrl[(dataUrl.IndexOf(',') + 1)..]);
        return WithExif(jpeg, takenAt, lat, lon);
    }

    /// <summary>The JPEG with an APP1 EXIF segment right after its start-of-image marker.</summary>
    public static byte[] WithExif(byte[] jpeg, DateTimeOffset takenAt, double lat, double lon)
    {
        var tiff = Tiff(takenAt, lat, lon);
        var app1 = new List<byte> { 0xFF, 0xE1 };
        var length = (ushort)(2 + 6 + tiff.Length);
        app1.Add((byte)(length >> 8));
        app1.Add((byte)length);
        app1.AddRange("Exif\0\0"u8.ToArray());
        app1.AddRange(tiff);
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    private static byte[] Tiff(DateTimeOffset takenAt, double lat, double lon)
    {
        var time = Encoding.ASCII.GetBytes(takenAt.ToString("yyyy:MM:dd HH:mm:ss") + "\0");
        var offset = Encoding.ASCII.GetBytes(takenAt.ToString("zzz") + "\0");
        // Layout: header 8 | IFD0 (2 entries) 30 | EXIF IFD (2 entries) 30 | GPS IFD (4 entries) 54 | data.
        const int ifd0 = 8, exif = ifd0 + 30, gps = exif + 30, data = gps + 54;
        var bytes = new byte[data + time.Length + offset.Length + 48];
        var at = 0;
        void U16(int v) { BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), (ushort)v); at += 2; }
        void U32(int v) { BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), (uint)v); at += 4; }
        void Entry(int tag, int type, int count, int value) { U16(tag); U16(type); U32(count); U32(value); }
        void Inline(int tag, string text) { U16(tag); U16(2); U32(2); bytes[at] = (byte)text[0]; at += 4; }
        bytes[0] = (byte)'I'; bytes[1] = (byte)'I'; at = 2; U16(42); U32(ifd0);
        U16(2); Entry(0x8769, 4, 1, exif); Entry(0x8825, 4, 1, gps); U32(0);
        var timeAt = data; var offsetAt = timeAt + time.Length; var latAt = offsetAt + offset.Length; var lonAt = latAt + 24;
        U16(2); Entry(0x9003, 2, time.Length, timeAt); Entry(0x9011, 2, offset.Length, offsetAt); U32(0);
        U16(4); Inline(1, lat >= 0 ? "N" : "S"); Entry(2, 5, 3, latAt); Inline(3, lon >= 0 ? "E" : "W"); Entry(4, 5, 3, lonAt); U32(0);
        time.CopyTo(bytes, timeAt);
        offset.CopyTo(bytes, offsetAt);
        at = latAt; Degrees(Math.Abs(lat));
        at = lonAt; Degrees(Math.Abs(lon));
        return bytes;

        void Degrees(double value)
        {
            var d = (int)value;
            var m = (int)((value - d) * 60);
            var s = (int)Math.Round(((value - d) * 60 - m) * 60 * 10_000);
            U32(d); U32(1); U32(m); U32(1); U32(s); U32(10_000);
        }
    }
}
