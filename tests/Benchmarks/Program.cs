using CommandCenter.Benchmarks;

// Benchmarks print figures; they are not part of the test run.
//   dotnet run -c Release --project tests/Benchmarks -- locate
var which = args.FirstOrDefault() ?? "all";
var root = Repo.FindRoot();
if (which is "locate" or "all") LocateBenchmark.Run(root);
