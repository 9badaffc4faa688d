using System.Globalization;
using System.Security.Claims;
using CommandCenter.Assessment;
using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Http;
using CommandCenter.Incidents;

namespace CommandCenter.Jobs;

public static class JobEndpoints
{
    public static void MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/jobs", async (IJobRuns runs, IConfiguration configuration) =>
        {
            var latest = await runs.Latest(perJob: 10);
            return Results.Ok(JobNames.All.Select(name => new
            {
                job = name,
                schedule = JobSchedules.Cron(configuration, name),
                runs = latest.Where(r => r.Job == name).Select(r => new { r.Trigger, r.Started, r.Finished, r.Outcome }),
            }));
        })
        .RequireAuthorization(Policies.Admin)
        .NotGridScoped("admin only, and admins are never scoped")
        .WithTags("Jobs")
        .WithSummary("The recurring jobs (admin): each one's cron schedule (city time zone) and its latest runs, newest first: trigger (schedule, catch-up, admin, first-start), started, finished, outcome.");

        app.MapPost("/api/jobs/{name}/run", async (string name, string? date, string? period, ClaimsPrincipal user, JobRunner jobs, HttpContext http) =>
        {
            if (!CommandCenter.Grains.Accounts.Roles.MayRunJobs(user.FindFirst(Claims.Role)?.Value ?? ""))
                return Results.Problem(title: "Forbidden", detail: "Admins run jobs by hand.", statusCode: 403);
            if (!JobNames.All.Contains(name))
                return Problems.Field("name", $"Unknown job \"{name}\"; the jobs are {string.Join(", ", JobNames.All)}.");
            if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                return Problems.Field("date", $"date must be a day written yyyy-MM-dd, not \"{date}\".");
            if (period is not null && !MonthlyAssessment.TryPeriod(period, out _))
                return Problems.Field("period", $"period must be a month written yyyy-MM, not \"{period}\".");
            var result = await jobs.ByHand(name, IncidentEndpoints.ActorOf(user), name == JobNames.Assessment ? period : date, http.RequestAborted);
            return Results.Ok(new { job = name, result });
        })
        .RequireAuthorization(Policies.Admin)
        .NotGridScoped("admin only, and admins are never scoped")
        .WithTags("Jobs")
        .WithSummary("Run a scheduled job now (admin): archive (every incident filed so far), daily-report (?date=, default today so far), " +
                     "assessment (?period=yyyy-MM, default this month so far), random-inspection (draw this month's 双随机 checks now, within the quotas), track-retention (drop patrol fixes older than Patrol:TrackRetentionDays).");
    }
}
