using System.Runtime.CompilerServices;
using System.Text.Json;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using Npgsql;
using NpgsqlTypes;
using static CommandCenter.Storage.Postgres.PostgresSql;

namespace CommandCenter.Storage.Postgres;

/// <summary>
/// The PostgreSQL profile's incident ledger (tables of migration 0100_incident_ledger): an append-only event table keyed
/// by (incident, sequence) and indexed by time, and a summary row per incident for lists, written in one transaction per
/// append. An append returns when PostgreSQL has committed it (synchronous commit): durable before the caller hears OK.
/// Of two appends continuing an incident from the same sequence one commits; the other finds the sequence taken (the
/// primary key) and throws <see cref="LedgerConflictException"/>, writing nothing.
/// </summary>
public sealed class PostgresIncidentLedger(NpgsqlDataSource dataSource) : IIncidentLedger
{
    private const string EventsKey = "cc_incident_events_pkey";
    private const int StreamPage = 2_000;

    public async Task Append(IReadOnlyList<IncidentEvent> events, IncidentSummary summary)
    {
        if (events.Count == 0) return;
        var first = events[0];
        // The opening report is searchable from its first write on; later appends keep what it wrote.
        var opened = events.FirstOrDefault(e => e.Sequence == 1)?.Report;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        try
        {
            await using (var check = new NpgsqlCommand("SELECT COALESCE(MAX(seq), 0) FROM cc_incident_events WHERE incident_id = @id", connection, transaction))
            {
                check.Parameters.Add(Of("id", first.IncidentId));
                await check.PrepareAsync();
                var last = (int)(await check.ExecuteScalarAsync())!;
                if (last != first.Sequence - 1)
                    throw new LedgerConflictException($"{first.IncidentId}: expected to append after {first.Sequence - 1}, the ledger is at {last}.");
            }
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO cc_incident_events (incident_id, seq, at, at_tick, action, data)
                SELECT e.id, e.seq, e.at, e.tick, e.action, e.data FROM unnest(@ids, @seqs, @ats, @ticks, @actions, @data) AS e(id, seq, at, tick, action, data)
                """, connection, transaction))
            {
                insert.Parameters.Add(Of("ids", events.Select(e => e.IncidentId).ToArray()));
                insert.Parameters.Add(Of("seqs", events.Select(e => e.Sequence).ToArray()));
                insert.Parameters.Add(Of("ats", events.Select(e => PostgresInstant.Microsecond(e.At)).ToArray()));
                insert.Parameters.Add(Of("ticks", events.Select(e => PostgresInstant.Tick(e.At)).ToArray()));
                insert.Parameters.Add(Of("actions", events.Select(e => e.Action.ToString()).ToArray()));
                insert.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Array | NpgsqlDbType.Json)
                {
                    Value = events.Select(e => JsonSerializer.Serialize(e, LedgerJson.Options)).ToArray(),
                });
                await insert.PrepareAsync();
                await insert.ExecuteNonQueryAsync();
            }
            await using (var upsert = SummaryUpsert(connection, transaction, summary, opened))
            {
                await upsert.PrepareAsync();
                await upsert.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == EventsKey)
        {
            throw new LedgerConflictException($"{first.IncidentId}: sequence {first.Sequence} was appended by another writer first.");
        }
    }

    /// <summary>
    /// Writes an incident's summary alone, with its search columns as given: for copying an incident whose events have all
    /// moved to the archive (EmbeddedCopy), where there is no opening report left to derive them from.
    /// </summary>
    internal async Task WriteSummary(IncidentSummary summary, string? searchText, string? phoneDigits)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var upsert = SummaryUpsert(connection, transaction, summary, searchText, phoneDigits))
            await upsert.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static NpgsqlCommand SummaryUpsert(NpgsqlConnection connection, NpgsqlTransaction transaction, IncidentSummary s, IncidentReport? opened) =>
        SummaryUpsert(connection, transaction, s, opened is null ? null : CaseSearch.TextOf(opened), opened is null ? null : CaseSearch.PhoneDigitsOf(opened));

    private static NpgsqlCommand SummaryUpsert(NpgsqlConnection connection, NpgsqlTransaction transaction, IncidentSummary s, string? searchText, string? phoneDigits)
    {
        var command = new NpgsqlCommand("""
            INSERT INTO cc_incident_summaries (id, status, is_open, step, category, channel, grid_id, grid_chain, assignee_id, lat, lon,
                created_at, created_tick, next_wake_at, next_wake_tick, yellow_from, yellow_from_tick, red_from, red_from_tick, none_from, none_from_tick,
                visit_closed_at, visit_closed_tick, search_text, phone_digits, version, data)
            VALUES (@id, @status, @open, @step, @category, @channel, @grid, @chain, @assignee, @lat, @lon,
                @created, @createdTick, @wake, @wakeTick, @yellow, @yellowTick, @red, @redTick, @none, @noneTick,
                @visitClosed, @visitClosedTick, @search, @phone, @version, @data)
            ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, is_open = EXCLUDED.is_open, step = EXCLUDED.step,
                category = EXCLUDED.category, channel = EXCLUDED.channel, grid_id = EXCLUDED.grid_id, grid_chain = EXCLUDED.grid_chain,
                assignee_id = EXCLUDED.assignee_id, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
                created_at = EXCLUDED.created_at, created_tick = EXCLUDED.created_tick,
                next_wake_at = EXCLUDED.next_wake_at, next_wake_tick = EXCLUDED.next_wake_tick,
                yellow_from = EXCLUDED.yellow_from, yellow_from_tick = EXCLUDED.yellow_from_tick,
                red_from = EXCLUDED.red_from, red_from_tick = EXCLUDED.red_from_tick,
                none_from = EXCLUDED.none_from, none_from_tick = EXCLUDED.none_from_tick,
                visit_closed_at = EXCLUDED.visit_closed_at, visit_closed_tick = EXCLUDED.visit_closed_tick,
                search_text = COALESCE(cc_incident_summaries.search_text, EXCLUDED.search_text),
                phone_digits = COALESCE(cc_incident_summaries.phone_digits, EXCLUDED.phone_digits),
                version = EXCLUDED.version, data = EXCLUDED.data
            """, connection, transaction);
        var p = command.Parameters;
        p.Add(Of("id", s.Id));
        p.Add(Of("status", s.Status.ToString()));
        p.Add(Of("open", s.IsOpen));
        p.Add(Of("step", s.Step));
        p.Add(Of("category", s.Category));
        p.Add(Of("channel", s.Channel));
        p.Add(Nullable("grid", NpgsqlDbType.Text, s.GridId));
        p.Add(Of("chain", s.GridChain.ToArray()));
        p.Add(Nullable("assignee", NpgsqlDbType.Text, s.AssigneeId));
        p.Add(Nullable("lat", NpgsqlDbType.Double, s.Lat));
        p.Add(Nullable("lon", NpgsqlDbType.Double, s.Lon));
        p.Add(Of("created", PostgresInstant.Microsecond(s.CreatedAt)));
        p.Add(Of("createdTick", PostgresInstant.Tick(s.CreatedAt)));
        AddInstant(p, "wake", s.NextWakeAt);
        AddInstant(p, "yellow", s.Light.YellowFrom);
        AddInstant(p, "red", s.Light.RedFrom);
        AddInstant(p, "none", s.Light.NoneFrom);
        AddInstant(p, "visitClosed", s.VisitClosedAt);
        p.Add(Nullable("search", NpgsqlDbType.Text, searchText));
        p.Add(Nullable("phone", NpgsqlDbType.Text, phoneDigits));
        p.Add(Of("version", s.Version));
        p.Add(new NpgsqlParameter("data", NpgsqlDbType.Json) { Value = JsonSerializer.Serialize(s, LedgerJson.Options) });
        return command;
    }

    private static void AddInstant(NpgsqlParameterCollection parameters, string name, DateTimeOffset? at)
    {
        parameters.Add(Nullable(name, NpgsqlDbType.TimestampTz, at is { } a ? PostgresInstant.Microsecond(a) : null));
        parameters.Add(Nullable(name + "Tick", NpgsqlDbType.Smallint, at is { } b ? PostgresInstant.Tick(b) : null));
    }

    public async Task<IReadOnlyList<IncidentEvent>> Read(string incidentId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT data FROM cc_incident_events WHERE incident_id = @id ORDER BY seq", connection);
        command.Parameters.Add(Of("id", incidentId));
        await command.PrepareAsync();
        return await ReadJson<IncidentEvent>(command);
    }

    public async Task<IReadOnlyDictionary<string, IncidentReport>> ReportsOf(IReadOnlyCollection<string> incidentIds)
    {
        var reports = new Dictionary<string, IncidentReport>(StringComparer.Ordinal);
        if (incidentIds.Count == 0) return reports;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT data FROM cc_incident_events WHERE seq = 1 AND incident_id = ANY(@ids)", connection);
        command.Parameters.Add(Of("ids", incidentIds.Distinct(StringComparer.Ordinal).ToArray()));
        await command.PrepareAsync();
        foreach (var opened in await ReadJson<IncidentEvent>(command))
            if (opened.Report is not null) reports[opened.IncidentId] = opened.Report;
        return reports;
    }

    public IAsyncEnumerable<IncidentEvent> ReadWindow(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Window(null, from, to, cancellationToken);

    public IAsyncEnumerable<IncidentEvent> ReadWindowOf(IReadOnlySet<string> incidentIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        incidentIds.Count == 0 ? AsyncEnumerable.Empty<IncidentEvent>() : Window(incidentIds, from, to, cancellationToken);

    /// <summary>Events with from ≤ at &lt; to (of these incidents only, when given), in time order, then incident, then sequence.</summary>
    private async IAsyncEnumerable<IncidentEvent> Window(IReadOnlySet<string>? incidentIds, DateTimeOffset from, DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var where = new PostgresWhere();
        where.And($"(at, at_tick) >= {where.Instant(from)}").And($"(at, at_tick) < {where.Instant(to)}");
        // A town's share of a month is read by its incidents' keys, not the whole city's window.
        if (incidentIds is not null) where.And($"incident_id = ANY({where.Value(incidentIds.ToArray())})");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT data FROM cc_incident_events {where} ORDER BY at, at_tick, incident_id, seq", connection);
        where.AddTo(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return JsonSerializer.Deserialize<IncidentEvent>(reader.GetString(0), LedgerJson.Options)!;
    }

    public async Task<IncidentPage> Query(IncidentQuery query)
    {
        var where = Filter(query);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        var count = new NpgsqlBatchCommand($"SELECT COUNT(*) FROM cc_incident_summaries {where}");
        where.AddTo(count.Parameters);
        var page = new NpgsqlBatchCommand($"SELECT data FROM cc_incident_summaries {where} ORDER BY created_at DESC, created_tick DESC, id DESC LIMIT @limit OFFSET @offset");
        where.AddTo(page.Parameters);
        page.Parameters.Add(Of("limit", (long)query.Limit));
        page.Parameters.Add(Of("offset", (long)query.Offset));
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(page);
        await using var reader = await batch.ExecuteReaderAsync();
        await reader.ReadAsync();
        var total = (int)reader.GetInt64(0);
        await reader.NextResultAsync();
        var items = new List<IncidentSummary>();
        while (await reader.ReadAsync()) items.Add(JsonSerializer.Deserialize<IncidentSummary>(reader.GetString(0), LedgerJson.Options)!);
        return new IncidentPage(items, total);
    }

    public async IAsyncEnumerable<IncidentSummary> Stream(IncidentQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Keyset pages: each page starts below the last row of the one before on (created, tick, id), the order of the
        // created index, so a page costs the same at the end of a year as at its start and no read holds a snapshot
        // while the caller works.
        (DateTime At, short Tick, string Id)? last = null;
        var page = new List<IncidentSummary>(StreamPage);
        while (true)
        {
            page.Clear();
            var where = Filter(query);
            if (last is { } l) where.And($"(created_at, created_tick, id) < ({where.Value(l.At)}, {where.Value(l.Tick)}, {where.Value(l.Id)})");
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            await using (var command = new NpgsqlCommand(
                $"SELECT data, created_at, created_tick, id FROM cc_incident_summaries {where} ORDER BY created_at DESC, created_tick DESC, id DESC LIMIT {StreamPage}",
                connection))
            {
                where.AddTo(command.Parameters);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    page.Add(JsonSerializer.Deserialize<IncidentSummary>(reader.GetString(0), LedgerJson.Options)!);
                    last = (reader.GetFieldValue<DateTime>(1), reader.GetInt16(2), reader.GetString(3));
                }
            }
            foreach (var s in page) yield return s;
            if (page.Count < StreamPage) yield break;
        }
    }

    /// <summary>The query's filters as a WHERE clause (<see cref="IncidentQuery.Offset"/> and Limit aside), as the other ledgers read them.</summary>
    private static PostgresWhere Filter(IncidentQuery query)
    {
        var where = new PostgresWhere();
        if (query.GridId is not null) where.And($"grid_chain @> ARRAY[{where.Value(query.GridId)}]");
        if (query.Status is not null) where.And($"status = {where.Value(query.Status.Value.ToString())}");
        if (query.Overdue is not null)
        {
            // Overdue is red now: the light rule stored when the incident turns red (SlaLightCourse.RedFrom); red never ends by itself.
            var now = where.Instant(query.Now);
            where.And(query.Overdue.Value ? $"(red_from, red_from_tick) <= {now}" : $"(red_from IS NULL OR (red_from, red_from_tick) > {now})");
        }
        if (query.From is not null) where.And($"(created_at, created_tick) >= {where.Instant(query.From.Value)}");
        if (query.To is not null) where.And($"(created_at, created_tick) < {where.Instant(query.To.Value)}");
        if (query.Open is not null) where.And($"is_open = {where.Value(query.Open.Value)}");
        if (query.Ids is not null) where.And($"id = ANY({where.Value(query.Ids.ToArray())})");
        if (query.Categories is not null) where.And($"category = ANY({where.Value(query.Categories.ToArray())})");
        if (query.Channels is not null) where.And($"channel = ANY({where.Value(query.Channels.ToArray())})");
        if (query.Step is not null) where.And($"step = {where.Value(query.Step.Value)}");
        if (query.Light is { } light)
        {
            // The light at now off the stored course, as SlaLightCourse.At reads it: none, else red, else yellow, else green.
            var now = where.Instant(query.Now);
            var none = $"(none_from, none_from_tick) <= {now}";
            var red = $"(red_from, red_from_tick) <= {now}";
            var yellow = $"(yellow_from, yellow_from_tick) <= {now}";
            where.And(light switch
            {
                SlaLight.None => none,
                SlaLight.Red => $"{red} AND NOT COALESCE({none}, FALSE)",
                SlaLight.Yellow => $"{yellow} AND NOT COALESCE({none}, FALSE) AND NOT COALESCE({red}, FALSE)",
                _ => $"NOT COALESCE({none}, FALSE) AND NOT COALESCE({red}, FALSE) AND NOT COALESCE({yellow}, FALSE)",
            });
        }
        if (query.VisitClosedFrom is not null) where.And($"(visit_closed_at, visit_closed_tick) >= {where.Instant(query.VisitClosedFrom.Value)}");
        if (query.VisitClosedTo is not null) where.And($"(visit_closed_at, visit_closed_tick) < {where.Instant(query.VisitClosedTo.Value)}");
        if (query.PhoneDigits is not null) where.And($"phone_digits = {where.Value(query.PhoneDigits)}");
        if (query.Search is not null)
        {
            // CaseSearch.Matches in SQL: the case number (ASCII case ignored), or every word in the stored text, or a phone query's digits in the caller's phone.
            var terms = CaseSearch.Parse(query.Search);
            var either = new List<string> { $"lower(id) = lower({where.Value(terms.Id)} COLLATE \"C\")" };
            if (terms.Words.Count > 0)
                either.Add("(search_text IS NOT NULL AND " + string.Join(" AND ", terms.Words.Select(w => $"strpos(search_text, {where.Value(w)}) > 0")) + ")");
            if (terms.PhoneDigits is not null) either.Add($"COALESCE(strpos(phone_digits, {where.Value(terms.PhoneDigits)}) > 0, FALSE)");
            where.And("(" + string.Join(" OR ", either) + ")");
        }
        return where;
    }

    public async Task<IReadOnlyList<IncidentSummary>> OpenIn(string gridId, bool subtree = false)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(subtree
            ? "SELECT data FROM cc_incident_summaries WHERE is_open AND grid_chain @> ARRAY[@grid]"
            : "SELECT data FROM cc_incident_summaries WHERE is_open AND grid_id = @grid", connection);
        command.Parameters.Add(Of("grid", gridId));
        await command.PrepareAsync();
        return await ReadJson<IncidentSummary>(command);
    }

    public async Task<IReadOnlyList<IncidentSummary>> OpenAssignedTo(string memberId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT data FROM cc_incident_summaries WHERE is_open AND assignee_id = @member", connection);
        command.Parameters.Add(Of("member", memberId));
        await command.PrepareAsync();
        return await ReadJson<IncidentSummary>(command);
    }

    public async Task<IReadOnlyList<IncidentSummary>> OpenNear(string category, double lat, double lon, double radiusMetres, DateTimeOffset since)
    {
        // A box a little larger than the circle narrows the scan (a band of latitude in the category's open incidents); the caller measures the true distance.
        var dLat = radiusMetres / 111_000.0 * 1.1;
        var dLon = dLat / Math.Max(0.1, Math.Cos(lat * Math.PI / 180));
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("""
            SELECT data FROM cc_incident_summaries
            WHERE is_open AND category = @category AND (created_at, created_tick) >= (@since, @sinceTick)
              AND lat BETWEEN @lat0 AND @lat1 AND lon BETWEEN @lon0 AND @lon1
            """, connection);
        command.Parameters.Add(Of("category", category));
        command.Parameters.Add(Of("since", PostgresInstant.Microsecond(since)));
        command.Parameters.Add(Of("sinceTick", PostgresInstant.Tick(since)));
        command.Parameters.Add(Of("lat0", lat - dLat));
        command.Parameters.Add(Of("lat1", lat + dLat));
        command.Parameters.Add(Of("lon0", lon - dLon));
        command.Parameters.Add(Of("lon1", lon + dLon));
        await command.PrepareAsync();
        return await ReadJson<IncidentSummary>(command);
    }

    public async Task<IReadOnlyList<string>> DueForWake(DateTimeOffset atOrBefore, int limit)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("""
            SELECT id FROM cc_incident_summaries
            WHERE next_wake_at IS NOT NULL AND (next_wake_at, next_wake_tick) <= (@at, @tick)
            ORDER BY next_wake_at, next_wake_tick, id LIMIT @limit
            """, connection);
        command.Parameters.Add(Of("at", PostgresInstant.Microsecond(atOrBefore)));
        command.Parameters.Add(Of("tick", PostgresInstant.Tick(atOrBefore)));
        command.Parameters.Add(Of("limit", (long)limit));
        await command.PrepareAsync();
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }
}
