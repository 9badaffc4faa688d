using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Incidents;

public static class IncidentSetup
{
    /// <summary>Loads the catalogue, the SLA policy and the city file at start-up: a bad file stops the start with a message naming the bad entry.</summary>
    public static void AddIncidents(this WebApplicationBuilder builder, CommandCenter.Storage.StorageSetup storage)
    {
        var options = new IncidentOptions
        {
            PolicyFile = builder.Configuration["Sla:PolicyFile"] ?? new IncidentOptions().PolicyFile,
            CatalogueFile = builder.Configuration["Catalogue:File"] ?? new IncidentOptions().CatalogueFile,
            CityFile = builder.Configuration["City:File"] ?? new IncidentOptions().CityFile,
        };
        var root = builder.Environment.ContentRootPath;
        var catalogue = CategoryCatalogue.Load(Path.GetFullPath(options.CatalogueFile, root));
        var policy = SlaPolicy.Load(Path.GetFullPath(options.PolicyFile, root), catalogue);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(catalogue);
        builder.Services.AddSingleton(policy);
        builder.Services.AddSingleton(CommandCenter.Grains.Setup.CitySettings.Load(Path.GetFullPath(options.CityFile, root)));
        builder.Services.AddSingleton<IncidentDesk>();
        builder.Services.AddSingleton(new CommandCenter.Grains.Incidents.DuplicateRule(
            builder.Configuration.GetValue("Intake:DuplicateRadiusMetres", 50.0),
            builder.Configuration.GetValue("Intake:DuplicateWindow", TimeSpan.FromHours(24))));
        builder.Services.AddSingleton(CommandCenter.Dispatch.AutoDispatchPolicy.From(builder.Configuration));
        builder.Services.AddSingleton<CommandCenter.Dispatch.Recommender>();
        var reminder = new SlaReminderOptions { Period = builder.Configuration.GetValue("Sla:ReminderPeriod", SlaReminderOptions.DefaultPeriod) };
        builder.Services.AddSingleton(reminder);
        // Durable reminders bring every running clock back by themselves; in-memory ones need the start-up scan.
        if (!storage.RemindersAreDurable) builder.Services.AddHostedService<SlaRearm>();
    }
}
