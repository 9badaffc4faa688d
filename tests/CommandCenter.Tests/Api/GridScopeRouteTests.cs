using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommandCenter.Access;
using CommandCenter.Tests.Support;
using CommandCenter.Wall;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Api;

/// <summary>
/// Every route of the running center and every hub method declares its grid-scope decision, and
/// docs/authorization.md's grid scope table says the same: a new endpoint cannot be added without one.
/// </summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class GridScopeRouteTests(CenterFactory center)
{
    [Fact]
    public void Every_route_of_the_running_center_declares_its_grid_scope_decision()
    {
        var undeclared = Routes().Where(r => r.Mark is null).Select(r => r.Name).ToList();

        Routes().Should().HaveCountGreaterThan(40, "the whole API, the hub and the non-API routes are enumerated");
        string.Join("\n", undeclared).Should().BeEmpty("each route says how grid scope applies: .GridScoped(…) or .NotGridScoped(why)");
    }

    [Fact]
    public async Task Every_operation_of_the_OpenAPI_document_is_a_route_with_a_decision()
    {
        var document = await center.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var declared = Routes().Where(r => r.Mark is not null).Select(r => r.Name).ToHashSet();

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .ToList();

        operations.Should().NotBeEmpty();
        operations.Where(op => !declared.Contains(op)).Should().BeEmpty();
    }

    [Fact]
    public void Every_hub_method_declares_its_grid_scope_decision()
    {
        var methods = typeof(CenterHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync)))
            .ToList();

        methods.Should().NotBeEmpty();
        methods.Where(m => m.GetCustomAttribute<GridScopeMark>() is null).Select(m => m.Name).Should().BeEmpty();
    }

    [Fact]
    public void The_grid_scope_table_in_the_docs_says_what_each_route_does()
    {
        var table = DocsTable();
        var expected = Routes().Where(r => r.Mark is not null).Select(r => (r.Name, Word: Word(r.Mark!.Effect)))
            .Concat(typeof(CenterHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.GetCustomAttribute<GridScopeMark>() is not null)
                .Select(m => (Name: $"HUB {m.Name}", Word: Word(m.GetCustomAttribute<GridScopeMark>()!.Effect))))
            .Distinct()
            .ToList();

        // A row ending in * covers every route under it (the API reference page's own files).
        string? Said(string name) => table.TryGetValue(name, out var said) ? said
            : table.FirstOrDefault(row => row.Key.EndsWith('*') && name.StartsWith(row.Key.TrimEnd('*'), StringComparison.Ordinal)).Value;
        var wrong = expected.Where(e => Said(e.Name) != e.Word)
            .Select(e => $"{e.Name}: the code {e.Word}, the docs {Said(e.Name) ?? "say nothing"}")
            .ToList();

        string.Join("\n", wrong).Should().BeEmpty("docs/authorization.md's grid scope table lists every route with what the code declares");
    }

    [Fact]
    public void Every_scoped_route_is_asked_about_another_town_by_GridScopeTests()
    {
        var refusalRows = typeof(GridScopeTests).GetMethod(nameof(GridScopeTests.A_town_desk_asking_about_another_town_is_refused_naming_its_scope))!
            .GetCustomAttributes<InlineDataAttribute>()
            .SelectMany(row => row.GetData(null!))
            .Select(data => $"{data[1]} {Regex.Replace(((string)data[2]).Split('?')[0], "{[a-z]+}", "x")}")
            .ToList();
        var scoped = Routes().Where(r => r.Mark is { Effect: not ScopeEffect.NotScoped }).Select(r => r.Name)
            .Concat(typeof(CenterHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.GetCustomAttribute<GridScopeMark>() is { Effect: not ScopeEffect.NotScoped }).Select(m => $"HUB {m.Name}"))
            .ToList();

        bool Proved(string route)
        {
            if (GridScopeTests.ProvedByFacts.Contains(route)) return true;
            var pattern = new Regex("^" + Regex.Replace(Regex.Escape(route), @"\\{[^/]+?}", "[^/]+") + "$");
            return refusalRows.Any(pattern.IsMatch);
        }

        scoped.Should().NotBeEmpty();
        string.Join("\n", scoped.Where(r => !Proved(r))).Should().BeEmpty("a scoped route needs a row in GridScopeTests asking it about another town");
    }

    private sealed record Route(string Name, GridScopeMark? Mark);

    private IReadOnlyList<Route> Routes() => center.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
            .Select(method => new Route($"{method} {Pattern(e)}", e.Metadata.GetMetadata<GridScopeMark>())))
        .DistinctBy(r => r.Name)
        .ToList();

    private static string Pattern(RouteEndpoint endpoint)
    {
        var text = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
        return text;
    }

    internal static string Word(ScopeEffect effect) => effect switch
    {
        ScopeEffect.Refuses => "refuses",
        ScopeEffect.Narrows => "narrows",
        ScopeEffect.NarrowsOrRefuses => "narrows or refuses",
        _ => "not scoped",
    };

    /// <summary>The rows of the "Grid scope" table: `METHOD /route` → refuses, narrows, narrows or refuses, not scoped.</summary>
    private static Dictionary<string, string> DocsTable()
    {
        var lines = File.ReadAllLines(Path.Combine(Repo.Root, "docs", "authorization.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("## Grid scope", StringComparison.Ordinal));
        start.Should().BeGreaterThan(0, "docs/authorization.md has a \"## Grid scope\" section");
        var rows = new Dictionary<string, string>();
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 4 || !cells[1].StartsWith('`')) continue;
            rows[cells[1].Trim('`')] = cells[2];
        }
        return rows;
    }
}
