using System.Globalization;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CommandCenter.Grids;
using CommandCenter.Http;
using CommandCenter.Incidents;
using CommandCenter.Intake;
using Microsoft.Extensions.Options;

namespace CommandCenter.Open311;

/// <summary>
/// The public Open311 GeoReport v2 API under /open311/v2/: services, posting a request (with an api_key),
/// reading requests and resolving tokens. Every answer comes as .json or .xml, errors too, in the spec's shapes.
/// </summary>
public static class Open311Endpoints
{
    public const string Channel = "open311";
    /// <summary>Who reports through Open311 in the ledger's actor role: the public, through a client app.</summary>
    public const string ActorRole = "public";

    public static void MapOpen311Endpoints(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/open311/v2").AllowAnonymous().RequireRateLimiting(CommandCenter.Http.RateLimits.PublicIntake).WithTags("Open311 GeoReport v2")
            .WithMetadata(new CommandCenter.Access.GridScopeMark(CommandCenter.Access.ScopeEffect.NotScoped, "the public Open311 channel: no account, so no scope"))
            .WithMetadata(new ErrorFormat((http, status, messages) => Open311Reply.Errors(Open311Formats.Of(http), status, messages)));

        // Anything else under /open311/v2/ is an unknown resource: 404 in the spec's error list, not a sign-in demand.
        v2.MapFallback("{**resource}", (HttpContext http) =>
                Open311Reply.Errors(Open311Formats.Of(http), 404, $"resource: {http.Request.Method} {http.Request.Path} is not part of this GeoReport v2 API; see services.json."))
            .ExcludeFromDescription();

        v2.MapGet("/services.{format}", (string format, CategoryCatalogue catalogue) =>
            Open311Formats.Parse(format) is { } f
                ? Open311Reply.Result(Open311Reply.List(f, 200, "services", "service", catalogue.Open.Select(Open311Service.Of)))
                : UnknownFormat(format))
            .WithSummary("The service list: one service per category of the catalogue (service_code = category code, group = its major class).");

        v2.MapGet("/services/{code}.{format}", (string code, string format, CategoryCatalogue catalogue) =>
        {
            if (Open311Formats.Parse(format) is not { } f) return UnknownFormat(format);
            return catalogue.Find(code) is { } category
                ? Open311Reply.Result(Open311Reply.Single(f, 200, "service_definition", Open311ServiceDefinition.Of(category)))
                : Open311Reply.Errors(f, 404, $"service_code: no service has the code \"{code}\"; see services.{format}.");
        })
        .WithSummary("A service's definition; no service asks extra attributes.");

        v2.MapPost("/requests.{format}", async (string format, HttpContext http, Open311Clients keys, CategoryCatalogue catalogue, GridDirectory grids,
            CommandCenter.Places.PlaceDirectory places, IncidentIntake intake) =>
        {
            if (Open311Formats.Parse(format) is not { } f) return UnknownFormat(format);
            var body = IntakeBody.Of(http);
            var (form, unreadable) = Open311Submission.Read(http.Request, body);
            if (form is null) return Open311Reply.Errors(f, 400, unreadable!);
            if (keys.NameOf(form.GetValueOrDefault("api_key")) is not { } keyName)
                return Open311Reply.Errors(f, 403, "api_key: missing or not valid; ask the city for an API key to post requests.");

            if (form.GetValueOrDefault("service_code") is { } code && !string.IsNullOrWhiteSpace(code) && catalogue.ForNewReport(code.Trim()) is null)
                return Open311Reply.Errors(f, 404, $"service_code: no service has the code \"{code.Trim()}\"; see services.{format}.");

            var fields = new Fields();
            var gazetteer = await places.Current();
            var submission = Open311Submission.Check(form, catalogue, fields, address => gazetteer?.Resolve(address)?.Place.Anchor);
            var (key, keyProblem) = IdempotencyKey.FromHeader(http.Request, $"{Channel}:{keyName}", body);
            if (keyProblem is not null) fields.Add(IdempotencyKey.Header, keyProblem);
            if (submission is null || fields.Any) return FieldErrors(f, fields);

            var index = await grids.Current();
            var placement = index is null ? null : IncidentDesk.Place(index, submission.Lat, submission.Long);
            if (placement is null)
                return Open311Reply.Errors(f, 400, $"lat: the point ({submission.Lat}, {submission.Long}) is outside {index?.Hierarchy.Root.Name ?? "the city"}; this service covers the city only.");

            var outcome = await intake.Open(submission.Report(), placement, new Actor($"{Channel}:{keyName}", ActorRole), key, opened =>
                Open311Reply.List(f, 200, "service_requests", "request", [new Open311Created(opened.Id, Open311Request.Received(opened, submission.Category), null)]));
            return outcome switch
            {
                IntakeOutcome.Answered answered => answered.Result(),
                IntakeOutcome.KeyReused reused => Open311Reply.Errors(f, 422, $"{reused.Field}: {IntakeProblems.KeyReusedMessage(reused.Field)}"),
                IntakeOutcome.KeyBusy busy => Open311Reply.Errors(f, 409, $"{busy.Field}: {IntakeProblems.KeyBusyMessage(busy.Field)}"),
                IntakeOutcome.Refused refused => Open311Reply.Errors(f, 409, refused.Rejection.Message),
                _ => throw new InvalidOperationException($"Unexpected intake outcome {outcome}."),
            };
        })
        .WithIntakeBody((http, max) => Open311Reply.Errors(Open311Formats.Of(http), 413, string.Create(CultureInfo.InvariantCulture, $"The request body is over {max:N0} bytes; send media as a media_url.")))
        .WithSummary("Post a service request (form-encoded or JSON): api_key, service_code, and lat and long or an address_string the city's gazetteer " +
                     "names with confidence (a grid, road, community or landmark); description, " +
                     "first_name, last_name, phone, email (not kept), media_url optional. Answers the service_request_id at once. An Idempotency-Key makes retries safe.");

        v2.MapGet("/requests.{format}", async (string format, HttpRequest request, CategoryCatalogue catalogue, IIncidentLedger ledger,
            IOptionsMonitor<Open311Options> options, SlaPolicy policy, TimeProvider clock) =>
        {
            if (Open311Formats.Parse(format) is not { } f) return UnknownFormat(format);
            var fields = new Fields();
            var query = Open311Query.Read(request.Query, catalogue, options.CurrentValue.ChannelsShown, clock.GetUtcNow(), fields);
            if (query is null) return FieldErrors(f, fields);
            return Open311Reply.Result(Open311Reply.List(f, 200, "service_requests", "request", await Requests(query, ledger, catalogue, policy)));
        })
        .WithSummary("Service requests, newest first: filters service_request_id (comma list, overrides the rest), service_code, " +
                     "start_date, end_date (ISO 8601, at most 90 days apart; default the last 90 days), status (open, closed). At most 1,000.");

        v2.MapGet("/requests/{id}.{format}", async (string id, string format, CategoryCatalogue catalogue, IIncidentLedger ledger,
            IOptionsMonitor<Open311Options> options, SlaPolicy policy, TimeProvider clock) =>
        {
            if (Open311Formats.Parse(format) is not { } f) return UnknownFormat(format);
            var query = new IncidentQuery(null, null, null, null, null, clock.GetUtcNow(), 0, 1) { Ids = [id], Channels = options.CurrentValue.ChannelsShown };
            var found = await Requests(query, ledger, catalogue, policy);
            return found.Count == 0
                ? Open311Reply.Errors(f, 404, $"service_request_id: no request has the id \"{id}\".")
                : Open311Reply.Result(Open311Reply.List(f, 200, "service_requests", "request", found));
        })
        .WithSummary("One service request, as a list of one.");

        v2.MapGet("/tokens/{token}.{format}", async (string token, string format, IIncidentLedger ledger, IOptionsMonitor<Open311Options> options,
            TimeProvider clock) =>
        {
            if (Open311Formats.Parse(format) is not { } f) return UnknownFormat(format);
            // Requests are taken synchronously, so the token handed out is the case number itself.
            var query = new IncidentQuery(null, null, null, null, null, clock.GetUtcNow(), 0, 1) { Ids = [token], Channels = options.CurrentValue.ChannelsShown };
            var found = await ledger.Query(query);
            return found.Items.Count == 0
                ? Open311Reply.Errors(f, 404, $"token: no request has the token \"{token}\".")
                : Open311Reply.Result(Open311Reply.List(f, 200, "service_requests", "request", [new Open311Token(found.Items[0].Id, token)]));
        })
        .WithSummary("The service_request_id of a token; tokens are case numbers.");
    }

    private static async Task<IReadOnlyList<Open311Request>> Requests(IncidentQuery query, IIncidentLedger ledger, CategoryCatalogue catalogue, SlaPolicy policy)
    {
        var page = await ledger.Query(query);
        var reports = await ledger.ReportsOf(page.Items.Select(s => s.Id).ToList());
        return page.Items.Select(s => Open311Request.Of(s, reports.GetValueOrDefault(s.Id), catalogue, policy.Calendar.TimeZone)).ToList();
    }

    private static IResult FieldErrors(Open311Format format, Fields fields) =>
        Open311Reply.Errors(format, 400, fields.Messages.Select(m => $"{m.Field}: {m.Message}"));

    private static IResult UnknownFormat(string format) =>
        Open311Reply.Errors(Open311Format.Json, 404, $"format: \"{format}\" is not served; ask for .json or .xml.");
}
