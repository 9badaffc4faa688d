using System.Diagnostics;
using CityGenerator;
using CityGenerator.Categories;
using CityGenerator.Geo;
using CityGenerator.Output;
using CityGenerator.Roster;
using CityGenerator.Validation;

// Usage: dotnet run --project samples/CityGenerator -- samples/Jiangyin
// Reads <folder>/source/{jiangyin-outline.geojson,jiangyin-towns.csv};
// writes <folder>/{grids.geojson,roster.json,categories.json,places.geojson}. Output is byte-for-byte deterministic.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: CityGenerator <jiangyin-folder>");
    return 2;
}
var folder = args[0];
var clock = Stopwatch.StartNew();

var outline = OutlineLoader.Load(Path.Combine(folder, "source", "jiangyin-outline.geojson"));
var towns = TownCentres.Load(Path.Combine(folder, "source", "jiangyin-towns.csv"));
var grids = GridHierarchyBuilder.Build(outline, towns);
var members = RosterBuilder.Build(grids);
var categories = CategoryCatalogue.Build();

// Serialise first, validate what will actually be on disk, and only then write anything.
var gridBytes = GridsGeoJson.Write(grids);
var rosterBytes = Json.ArrayOneItemPerLine(members);
var categoryBytes = Json.ArrayOneItemPerLine(categories);
var placeBytes = PlacesGeoJson.Write(grids, towns);

var written = GridsGeoJson.Read(gridBytes);
GridValidator.Validate(written, towns);
RosterValidator.Validate(Json.ReadArray<Member>(rosterBytes), written);
CategoryValidator.Validate(Json.ReadArray<Category>(categoryBytes));

File.WriteAllBytes(Path.Combine(folder, "grids.geojson"), gridBytes);
File.WriteAllBytes(Path.Combine(folder, "roster.json"), rosterBytes);
File.WriteAllBytes(Path.Combine(folder, "categories.json"), categoryBytes);
File.WriteAllBytes(Path.Combine(folder, "places.geojson"), placeBytes);

Report.Print(written, members, categories, clock.Elapsed);
return 0;
