using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Grains.Geography;
using CommandCenter.Tests.Support;
using Microsoft.Playwright;

namespace CommandCenter.Tests.Browser;

/// <summary>
/// The real command center as a process (its normal build serves the dashboard) and Debian's Chromium driven
/// by Playwright, headless, WebGL through SwiftShader. The SLA policy gives urgent and high incidents a
/// dispatch limit of seconds, so the wall shows yellow and red lights while the tests run.
/// </summary>
public class WallFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--use-gl=swiftshader", "--enable-unsafe-swiftshader",
    ];

    private readonly string data = Path.Combine(Path.GetTempPath(), "cc-browser", Guid.NewGuid().ToString("N"));
    private IPlaywright? playwright;

    public CenterProcess Center { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Operator { get; private set; } = null!;

    /// <summary>How the center starts: the sample city with a policy of seconds for urgent work, and no sign-in limit (the tests are not an attack).</summary>
    protected virtual string[] CenterArguments =>
        [$"--Sla:PolicyFile={Path.Combine(AppContext.BaseDirectory, "Support", "sla-policy.wall.json")}", "--RateLimits:SignInPerMinute=100000"];

    protected virtual bool HasSampleCity => true;

    public static string Screenshots { get; } = Path.Combine(Repo.Root, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Browser tests drive Debian's Chromium at {ChromiumPath}: install it (apt-get install chromium), as scripts/test.sh does.");
        if (!File.Exists(Path.Combine(Repo.Root, "src", "CommandCenter", "wwwroot", "app", "index.html")))
            throw new InvalidOperationException("The dashboard is not built: build the solution (src/Dashboard builds into src/CommandCenter/wwwroot/app).");
        Directory.CreateDirectory(Screenshots);

        Center = await CenterProcess.Start(data, CenterArguments);
        if (HasSampleCity) Operator = await Center.ClientFor("operator1");

        // The browser is Debian's; Playwright's own browser download stays off.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // The worker page's service worker makes requests of its own: routing them is how a test cuts its network too.
        Environment.SetEnvironmentVariable("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        Operator?.Dispose();
        if (Center is not null) await Center.DisposeAsync();
        try { Directory.Delete(data, true); } catch (IOException) { }
    }

    /// <summary>A fresh browser context (own session storage) with one page of the given size.</summary>
    public async Task<IPage> NewPage(int width, int height, bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = phone ? 2 : 1,
            IsMobile = phone,
            HasTouch = phone,
            Locale = "zh-CN",
            // A browser half a world from the city: the pages show the city's time (GET /api/city), never the browser's.
            TimezoneId = "America/New_York",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => { if (message.Type == "error") Console.WriteLine($"[browser] {message.Text}"); };
        page.PageError += (_, error) => Console.WriteLine($"[browser] page error: {error}");
        return page;
    }

    /// <summary>Opens the map wall and signs in as an operator; returns when the grids are drawn and the feed is live.</summary>
    public async Task<IPage> OpenWall(int width = 1920, int height = 1080, Func<IPage, Task>? beforeOpening = null)
    {
        var page = await NewPage(width, height);
        if (beforeOpening is not null) await beforeOpening(page);
        await page.GotoAsync(new Uri(Center.Address, "/").ToString());
        await SignIn(page, "operator1", CenterFactory.DemoPassword);
        await page.WaitForFunctionAsync("() => window.__wall && window.__wall.linkState === 'live'", null, new() { Timeout = 60_000 });
        return page;
    }

    /// <summary>Opens the worker page as the member and waits until its channel is live.</summary>
    public async Task<IPage> OpenWorker(string memberId)
    {
        var page = await NewPage(390, 844, phone: true);
        await page.GotoAsync(new Uri(Center.Address, "/worker").ToString());
        await SignIn(page, memberId, CenterFactory.DemoPassword);
        await page.WaitForFunctionAsync("() => window.__worker && window.__worker.linkState === 'live'", null, new() { Timeout = 30_000 });
        return page;
    }

    public static async Task SignIn(IPage page, string username, string password)
    {
        await page.FillAsync("input[name=username]", username);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("form.signin button[type=submit]");
    }

    private readonly HashSet<string> usedBlocks = [];
    private readonly Random blockPicker = new(2026);

    /// <summary>
    /// A point inside a block (level-3 grid) no other report of this run used, optionally inside a given town or
    /// village, so that no two test reports are ever taken for duplicates of each other.
    /// </summary>
    public (double Lat, double Lon, GridNode Block) NextPoint(string? within = null)
    {
        lock (usedBlocks)
        {
            var free = SampleCity.Hierarchy.Nodes
                .Where(n => n.Level == 3 && !usedBlocks.Contains(n.Id) && (within is null || SampleCity.Hierarchy.IsWithin(n.Id, within))).ToList();
            var block = free[blockPicker.Next(free.Count)];
            usedBlocks.Add(block.Id);
            var point = block.Geometry.InteriorPoint;
            return (point.Y, point.X, block);
        }
    }

    public async Task<string> Report((double Lat, double Lon, GridNode Block) at, string category, string priority, string description) =>
        await Report(at.Lat, at.Lon, category, priority, description);

    public async Task<string> Report(double lat, double lon, string category = "E0102", string priority = "normal", string description = "大屏测试：暴露垃圾")
    {
        var response = await Operator.PostAsJsonAsync("/api/incidents", new { category, priority, lat, lon, description, channel = "hotline" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>A 网格员 whose home grid is the block, from the members list.</summary>
    public async Task<string> GridWorkerOf(string blockId)
    {
        var members = await Operator.GetFromJsonAsync<JsonElement>($"/api/members?grid={blockId}");
        return members.EnumerateArray().First(m => m.GetProperty("role").GetString() == "GridWorker" && m.GetProperty("gridId").GetString() == blockId)
            .GetProperty("id").GetString()!;
    }

    /// <summary>A case reported in the block and taken through the loop by the API (dispatched to its worker, handled, verified, evaluated): history a page reads.</summary>
    public async Task<(string Id, string Worker)> Closed((double Lat, double Lon, GridNode Block) at, string description, int satisfaction = 5)
    {
        var id = await Report(at, "E0102", "normal", description);
        var worker = await GridWorkerOf(at.Block.Id);
        await Dispatch(id, worker);
        var phone = await Center.ClientFor(worker);
        (await phone.PostAsJsonAsync($"/api/incidents/{id}/actions/accept", new { })).EnsureSuccessStatusCode();
        (await phone.PostAsJsonAsync($"/api/incidents/{id}/actions/resolve", new { note = "已处理" })).EnsureSuccessStatusCode();
        var supervisor = await Center.ClientFor("supervisor1");
        (await supervisor.PostAsJsonAsync($"/api/incidents/{id}/actions/verify", new { passed = true })).EnsureSuccessStatusCode();
        (await Operator.PostAsJsonAsync($"/api/incidents/{id}/actions/evaluate", new { satisfaction })).EnsureSuccessStatusCode();
        return (id, worker);
    }

    public async Task Dispatch(string incidentId, string memberId)
    {
        var response = await Operator.PostAsJsonAsync($"/api/incidents/{incidentId}/actions/dispatch", new { memberId });
        response.EnsureSuccessStatusCode();
    }

    public static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name), Animations = ScreenshotAnimations.Disabled });
}
