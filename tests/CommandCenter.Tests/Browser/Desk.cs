using CommandCenter.Tests.Support;
using Microsoft.Playwright;

namespace CommandCenter.Tests.Browser;

/// <summary>
/// What a person does at the desk, in the pages: sign in to the wall as someone, find a case, open its panel and
/// take an action through the form the server offered. Nothing here calls the API; every step is a click or a key.
/// </summary>
public static class Desk
{
    /// <summary>A site photo as a phone would send it (a real PNG: a street at dusk with a lamp post), made here so no file is needed.</summary>
    public static readonly FilePayload Photo = new() { Name = "site.png", MimeType = "image/png", Buffer = SitePhoto(320, 200) };

    private static byte[] SitePhoto(int width, int height)
    {
        var raw = new byte[(width * 3 + 1) * height];
        for (var y = 0; y < height; y++)
        {
            var row = y * (width * 3 + 1);
            for (var x = 0; x < width; x++)
            {
                // Sky fading to the horizon, a grey road below, a lamp post with its light on the left third.
                var (r, g, b) = y < height * 0.6
                    ? (30 + y / 2, 50 + y / 2, 110 + y / 3)
                    : (70 + (x + y) % 7, 72 + (x + y) % 7, 78 + (x + y) % 7);
                if (x is > 96 and < 102 && y > height * 0.25) (r, g, b) = (40, 40, 45);
                if (Math.Pow(x - 99, 2) + Math.Pow(y - height * 0.25, 2) < 90) (r, g, b) = (255, 230, 150);
                raw[row + 1 + x * 3] = (byte)r; raw[row + 2 + x * 3] = (byte)g; raw[row + 3 + x * 3] = (byte)b;
            }
        }
        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal)) zlib.Write(raw);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; header[9] = 2; // 8 bits, RGB
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>The wall, signed in as this account, live.</summary>
    public static async Task<IPage> OpenWallAs(this WallFixture wall, string username)
    {
        var page = await wall.NewPage(1920, 1080);
        await page.GotoAsync(new Uri(wall.Center.Address, "/").ToString());
        await WallFixture.SignIn(page, username, username == "admin" ? CenterFactory.AdminPassword : CenterFactory.DemoPassword);
        await page.WaitForFunctionAsync("() => window.__wall && window.__wall.linkState === 'live'", null, new() { Timeout = 60_000 });
        return page;
    }

    /// <summary>F3, the case number typed, Enter, the result clicked: the case's panel, loaded.</summary>
    public static async Task<ILocator> FindCase(this IPage page, string id)
    {
        await page.Keyboard.PressAsync("F3");
        var desk = page.Locator("#desk");
        await desk.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var query = desk.Locator("input[name=q]");
        await query.FillAsync(id);
        await query.PressAsync("Enter");
        var row = desk.Locator($".desk-table tr[data-id='{id}']");
        await row.ClickAsync();
        return await page.PanelOf(id);
    }

    public static async Task<ILocator> PanelOf(this IPage page, string id)
    {
        var panel = page.Locator($"#detail .detail-body[data-id='{id}']");
        await panel.WaitForAsync();
        return panel;
    }

    /// <summary>Opens the offered action's form on the panel (its summary), so its fields can be filled.</summary>
    public static async Task<ILocator> Offer(this ILocator panel, string action)
    {
        var offer = panel.Locator($"details.action[data-action='{action}']");
        await offer.WaitForAsync();
        if (await offer.GetAttributeAsync("open") is null) await offer.Locator("summary").ClickAsync();
        return offer;
    }

    /// <summary>Presses the offer's submit button on the panel and waits for the panel to say it was done.</summary>
    public static async Task Submit(this ILocator offer, string action)
    {
        await offer.Locator($"button.action-{action}").ClickAsync();
        await offer.Page.Locator($"#detail .panel-notice[data-action='{action}']").Filter(new() { HasText = "done" }).WaitForAsync();
    }

    public static Task WaitForState(this IPage page, string id, string state) =>
        page.Locator($"#detail .detail-body[data-id='{id}'][data-state='{state}']").WaitForAsync(new() { Timeout = 20_000 });
}
