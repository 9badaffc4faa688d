using System.Net;
using System.Text;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CommandCenter.Tests.Properties;

/// <summary>
/// Every endpoint the center maps, hit with malformed JSON, GeoJSON and query strings by every kind
/// of caller: nothing answers 5xx. Prints how many requests were tried.
/// </summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class FuzzTests(CenterFactory center, ITestOutputHelper output)
{
    private static readonly string[] Bodies =
    [
        "", "{", "}", "[]", "null", "0", "\"text\"", "{\"a\":", "{\"lat\":\"north\"}", "{\"lat\":1e400,\"lon\":-1e400}",
        "{\"category\":null,\"lat\":null}", "{\"pings\":[null,{},{\"lat\":\"x\"}]}", "{\"pings\":{}}", "{\"state\":[1,2]}",
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0]]]}}]}",
        "{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"id\":1,\"level\":\"x\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":\"bad\"}}]}",
        "{\"type\":\"FeatureCollection\",\"features\":\"no\"}", "{\"tasks\":[{\"platform\":5}]}", "{\"photos\":[\"../../x\"]}",
        "{\"satisfaction\":99999999999999999999}", "{\"dueAt\":\"yesterday\"}", "{\"memberId\":\"" + new string('x', 5000) + "\"}",
        new string('[', 5000), "{\"description\":\"\\ud800\"}", "\u0000\u0001\u0002",
    ];

    private static readonly string[] Queries =
    [
        "", "?lat=abc&lon=xyz", "?lat=1e999&lon=-1e999", "?level=-1", "?level=abc", "?parent=%00", "?grid=../../etc", "?state=42",
        "?from=notadate&to=2026-13-45", "?page=-5&pageSize=100000", "?overdue=maybe", "?scope=%ff%fe", "?at=never", "?member=M%00",
    ];

    private static readonly string[] Actions =
        CommandCenter.Grains.Incidents.IncidentActionWords.PersonActions.Select(CommandCenter.Grains.Incidents.IncidentActionWords.Word).Append("nonsense").ToArray();

    private static readonly string[] Ids = ["JY-20261124-000001", "M00001", "JY10", "%00", "..", "x'--", new string('9', 300)];

    [Fact]
    public async Task No_malformed_request_to_any_endpoint_gets_a_server_error()
    {
        var sources = center.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var routes = sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Pattern: e.RoutePattern.RawText ?? "", Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(r => !r.Pattern.StartsWith("/hubs") && !r.Pattern.Contains("openapi") && !r.Pattern.Contains("scalar"))
            .Distinct().ToList();
        routes.Count.Should().BeGreaterThan(15, "the fuzzer must reach the whole surface");
        var callers = new[] { center.CreateClient(), await center.ClientFor("operator1"), await center.ClientFor("M00001"), await center.ClientFor("admin") };
        var random = new Random(1124);
        var tried = 0;
        var failures = new List<string>();

        foreach (var (pattern, methods) in routes)
        foreach (var method in methods)
        for (var round = 0; round < 20; round++)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, "\\{([^}]+)\\}", m => Uri.EscapeDataString(m.Groups[1].Value == "action"
                ? Actions[random.Next(Actions.Length)]
                : Ids[random.Next(Ids.Length)]));
            var url = "/" + path.TrimStart('/') + Queries[random.Next(Queries.Length)];
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT")
                request.Content = new StringContent(Bodies[random.Next(Bodies.Length)], Encoding.UTF8, random.Next(4) == 0 ? "text/plain" : "application/json");
            var response = await callers[random.Next(callers.Length)].SendAsync(request);
            tried++;
            if ((int)response.StatusCode >= 500)
                failures.Add($"{method} {url} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            else if ((int)response.StatusCode >= 400)
                (await response.Content.ReadAsStringAsync()).Should().NotContain("   at ", "no stack trace reaches a caller");
        }

        output.WriteLine($"fuzz: {tried} requests over {routes.Count} routes, {failures.Count} answered 5xx");
        Console.WriteLine($"fuzz: {tried} requests over {routes.Count} routes, {failures.Count} answered 5xx");
        failures.Should().BeEmpty();
    }
}
