using System.Diagnostics;
using CityGenerator;
using CityGenerator.Categories;
using CityGenerator.Geo;
using CityGenerator.Output;
using CityGenerator.Roster;
using CityGenerator.Validation;

// Usage: dotnet run --project samples/CityGenerator -- samples/<City>
// Reads <folder>/source/city-settings.json and the outline and towns CSV it names;
// writes <folder>/{grids.geojson,roster.json,categories.json,places.geojson}. Output is byte-for-byte deterministic.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: CityGenerator <city-folder>   (reads <city-folder>/source/city-settings.json)");
    return 2;
}
var folder = args[0];
var clock = Stopwatch.StartNew();

var city = CitySettings.Load(folder);
StableSeed.Master = city.Seed;
var outline = OutlineLoader.Load(Path.Combine(folder, "source", city.Outline));
var towns = TownCentres.Load(Path.Combine(folder, "source", city.Towns), city.ShortNames);
var grids = GridHierarchyBuilder.Build(outline, towns, city);
var members = RosterBuilder.Build(grids);
var categories = CategoryCatalogue.Build();

// Serialise first, validate what will actually be on disk, and only then write anything.
var gridBytes = GridsGeoJson.Write(grids);
var rosterBytes = Json.ArrayOneItemPerLine(members);
var categoryBytes = Json.ArrayOneItemPerLine(categories);
var placeBytes = PlacesGeoJson.Write(grids, towns);

var written = GridsGeoJson.Read(gridBytes);
GridValidator.Validate(written, towns, city);
RosterValidator.Validate(Json.ReadArray<Member>(rosterBytes), written);
CategoryValidator.Validate(Json.ReadArray<Category>(categoryBytes));

File.WriteAllBytes(Path.Combine(folder, "grids.geojson"), gridBytes);
File.WriteAllBytes(Path.Combine(folder, "roster.json"), rosterBytes);
File.WriteAllBytes(Path.Combine(folder, "categories.json"), categoryBytes);
File.WriteAllBytes(Path.Combine(folder, "places.geojson"), placeBytes);

Console.WriteLine($"{city.Name} ({city.Id}):");
Report.Print(written, members, categories, clock.Elapsed);
return 0;
