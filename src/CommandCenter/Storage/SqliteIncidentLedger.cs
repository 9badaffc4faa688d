using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using Microsoft.Data.Sqlite;

namespace CommandCenter.Storage;

/// <summary>
/// The embedded profile's incident ledger: an append-only event table indexed by time, and a
/// summary row per incident for lists, written in the same group-committed transaction.
/// </summary>
public sealed class SqliteIncidentLedger(SqliteDatabase database) : IIncidentLedger
{
    public static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS incident_events (
            incident_id TEXT NOT NULL,
            seq         INTEGER NOT NULL,
            at_ticks    INTEGER NOT NULL,
            action      TEXT NOT NULL,
            data        TEXT NOT NULL,
            PRIMARY KEY (incident_id, seq)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX IF NOT EXISTS incident_events_by_time ON incident_events (at_ticks, incident_id, seq)",
        """
        CREATE TABLE IF NOT EXISTS incidents (
            id              TEXT PRIMARY KEY,
            status          TEXT NOT NULL,
            is_open         INTEGER NOT NULL,
            grid_id         TEXT,
            grid_path       TEXT,
            assignee_id     TEXT,
            category        TEXT,
            lat             REAL,
            lon             REAL,
            created_ticks   INTEGER NOT NULL,
            due_ticks       INTEGER,
            breached        INTEGER NOT NULL,
            next_wake_ticks INTEGER,
            data            TEXT NOT NULL,
            red_from_ticks  INTEGER
        ) WITHOUT ROWID
        """,
        // Files written before the light rule was stored: the column joins (empty until the incident's next transition).
        "ALTER TABLE incidents ADD COLUMN red_from_ticks INTEGER",
        // The rest of the light's course, for the light filter (as red_from_ticks: filled from an incident's next transition on).
        "ALTER TABLE incidents ADD COLUMN yellow_from_ticks INTEGER",
        "ALTER TABLE incidents ADD COLUMN none_from_ticks INTEGER",
        // Case search (CaseSearch): the report's searchable text and the caller's phone digits, written with the Report event.
        "ALTER TABLE incidents ADD COLUMN search_text TEXT",
        "ALTER TABLE incidents ADD COLUMN phone_digits TEXT",
        // When the clock closed the return visit unanswered (the return-visit desk's list).
        "ALTER TABLE incidents ADD COLUMN visit_closed_ticks INTEGER",
        "CREATE INDEX IF NOT EXISTS incidents_by_phone ON incidents (phone_digits) WHERE phone_digits IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS incidents_by_visit_closed ON incidents (visit_closed_ticks) WHERE visit_closed_ticks IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS incidents_by_grid ON incidents (grid_id, is_open)",
        "CREATE INDEX IF NOT EXISTS incidents_by_created ON incidents (created_ticks)",
        "CREATE INDEX IF NOT EXISTS incidents_open_by_category ON incidents (category, created_ticks) WHERE is_open = 1",
        // The duplicate check (OpenNear): a band of latitude within one category, so a report looks at its
        // neighbours only, not at every open incident of its category (which grows with the backlog).
        "CREATE INDEX IF NOT EXISTS incidents_open_by_place ON incidents (category, lat) WHERE is_open = 1",
        "CREATE INDEX IF NOT EXISTS incidents_by_assignee ON incidents (assignee_id) WHERE is_open = 1",
        "CREATE INDEX IF NOT EXISTS incidents_by_wake ON incidents (next_wake_ticks) WHERE next_wake_ticks IS NOT NULL",
    ];

    public async Task Append(IReadOnlyList<IncidentEvent> events, IncidentSummary summary)
    {
        if (events.Count == 0) return;
        var rows = events.Select(e => (e.IncidentId, e.Sequence, e.At.UtcTicks, e.Action.ToString(), JsonSerializer.Serialize(e, LedgerJson.Options))).ToList();
        var summaryJson = JsonSerializer.Serialize(summary, LedgerJson.Options);
        var first = events[0];
        // The opening report is searchable from its first write on; later appends keep what it wrote.
        var opened = events.FirstOrDefault(e => e.Sequence == 1)?.Report;
        var searchText = opened is null ? null : CaseSearch.TextOf(opened);
        var phoneDigits = opened is null ? null : CaseSearch.PhoneDigitsOf(opened);
        await database.Write((connection, transaction) =>
        {
            var check = Statement(transaction, "SELECT COALESCE(MAX(seq), 0) FROM incident_events WHERE incident_id = $id", ("$id", first.IncidentId));
            var last = Convert.ToInt32(check.ExecuteScalar());
            if (last != first.Sequence - 1)
                throw new LedgerConflictException($"{first.IncidentId}: expected to append after {first.Sequence - 1}, the ledger is at {last}.");
            foreach (var (id, seq, ticks, action, data) in rows)
            {
                var insert = Statement(transaction,
                    "INSERT INTO incident_events (incident_id, seq, at_ticks, action, data) VALUES ($id, $seq, $at, $action, $data)",
                    ("$id", id), ("$seq", seq), ("$at", ticks), ("$action", action), ("$data", data));
                insert.ExecuteNonQuery();
            }
            var upsert = Statement(transaction, """
                INSERT INTO incidents (id, status, is_open, grid_id, grid_path, assignee_id, category, lat, lon, created_ticks, due_ticks, breached, next_wake_ticks, data,
                    red_from_ticks, yellow_from_ticks, none_from_ticks, search_text, phone_digits, visit_closed_ticks)
                VALUES ($id, $status, $open, $grid, $path, $assignee, $category, $lat, $lon, $created, $due, $breached, $wake, $data, $red, $yellow, $none, $search, $phone, $visitClosed)
                ON CONFLICT (id) DO UPDATE SET status = $status, is_open = $open, grid_id = $grid, grid_path = $path, assignee_id = $assignee,
                    due_ticks = $due, breached = $breached, next_wake_ticks = $wake, data = $data, red_from_ticks = $red,
                    yellow_from_ticks = $yellow, none_from_ticks = $none, visit_closed_ticks = $visitClosed,
                    search_text = COALESCE(search_text, $search), phone_digits = COALESCE(phone_digits, $phone)
                """,
                ("$id", summary.Id), ("$status", summary.Status.ToString()), ("$open", summary.IsOpen ? 1 : 0),
                ("$grid", summary.GridId), ("$path", GridPath(summary.GridChain)), ("$assignee", summary.AssigneeId), ("$category", summary.Category), ("$lat", summary.Lat), ("$lon", summary.Lon), ("$created", summary.CreatedAt.UtcTicks),
                ("$due", summary.DueAt?.UtcTicks), ("$breached", summary.Breached ? 1 : 0), ("$wake", summary.NextWakeAt?.UtcTicks),
                ("$data", summaryJson), ("$red", summary.Light.RedFrom?.UtcTicks), ("$yellow", summary.Light.YellowFrom?.UtcTicks),
                ("$none", summary.Light.NoneFrom?.UtcTicks), ("$search", searchText), ("$phone", phoneDigits), ("$visitClosed", summary.VisitClosedAt?.UtcTicks));
            upsert.ExecuteNonQuery();
            return 0;
        });
    }

    public async Task<IReadOnlyList<IncidentEvent>> Read(string incidentId)
    {
        await using var connection = database.OpenRead();
        await using var command = Command(connection, null, "SELECT data FROM incident_events WHERE incident_id = $id ORDER BY seq", ("$id", incidentId));
        return await ReadAll<IncidentEvent>(command);
    }

    public async Task<IReadOnlyDictionary<string, IncidentReport>> ReportsOf(IReadOnlyCollection<string> incidentIds)
    {
        var reports = new Dictionary<string, IncidentReport>(StringComparer.Ordinal);
        if (incidentIds.Count == 0) return reports;
        var parameters = new List<(string, object?)>();
        var ids = InList("$id", incidentIds, parameters);
        await using var connection = database.OpenRead();
        await using var command = Command(connection, null, $"SELECT data FROM incident_events WHERE seq = 1 AND incident_id IN ({ids})", parameters.ToArray());
        foreach (var opened in await ReadAll<IncidentEvent>(command))
            if (opened.Report is not null) reports[opened.IncidentId] = opened.Report;
        return reports;
    }

    public async IAsyncEnumerable<IncidentEvent> ReadWindow(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = database.OpenRead();
        await using var command = Command(connection, null,
            "SELECT data FROM incident_events WHERE at_ticks >= $from AND at_ticks < $to ORDER BY at_ticks, incident_id, seq",
            ("$from", from.UtcTicks), ("$to", to.UtcTicks));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return JsonSerializer.Deserialize<IncidentEvent>(reader.GetString(0), LedgerJson.Options)!;
    }

    public async IAsyncEnumerable<IncidentEvent> ReadWindowOf(IReadOnlySet<string> incidentIds, DateTimeOffset from, DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (incidentIds.Count == 0) yield break;
        await using var connection = database.OpenRead();
        // Each incident's events by its key (incident, seq), then sorted: a town's share of a month, not the whole city's.
        await using var command = Command(connection, null, """
            SELECT data FROM incident_events
            WHERE incident_id IN (SELECT value FROM json_each($ids)) AND at_ticks >= $from AND at_ticks < $to
            ORDER BY at_ticks, incident_id, seq
            """,
            ("$ids", JsonSerializer.Serialize(incidentIds)), ("$from", from.UtcTicks), ("$to", to.UtcTicks));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return JsonSerializer.Deserialize<IncidentEvent>(reader.GetString(0), LedgerJson.Options)!;
    }

    public async Task<IncidentPage> Query(IncidentQuery query)
    {
        var (where, parameters) = Filter(query);
        await using var connection = database.OpenRead();
        await using var count = Command(connection, null, $"SELECT COUNT(*) FROM incidents {where}", parameters.ToArray());
        var total = Convert.ToInt32(await count.ExecuteScalarAsync());
        await using var page = Command(connection, null, $"SELECT data FROM incidents {where} ORDER BY created_ticks DESC, id DESC LIMIT $limit OFFSET $offset",
            [.. parameters, ("$limit", query.Limit), ("$offset", query.Offset)]);
        return new IncidentPage(await ReadAll<IncidentSummary>(page), total);
    }

    private const int StreamPage = 2_000;

    public async IAsyncEnumerable<IncidentSummary> Stream(IncidentQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Keyset pages: each page starts below the last row of the one before on (created_ticks, id), the order of the
        // created index (which holds the id), so a page costs the same at the end of a year as at its start, and no
        // read holds the file's snapshot while the caller writes. The bound is spelled as a range on created_ticks (in
        // place of the window's end, which it is below): SQLite seeks the index to it, where a row value
        // (created_ticks, id) < (…) would be a filter over every row already read.
        var (where, parameters) = Filter(query);
        var (below, belowParameters) = Filter(query with { To = null });
        long lastTicks = 0;
        string? lastId = null;
        var page = new List<IncidentSummary>(StreamPage);
        while (true)
        {
            page.Clear();
            var after = lastId is null ? where : below + " AND created_ticks <= $afterTicks AND (created_ticks < $afterTicks OR id < $afterId)";
            await using (var connection = database.OpenRead())
            await using (var command = Command(connection, null,
                $"SELECT data, created_ticks, id FROM incidents {after} ORDER BY created_ticks DESC, id DESC LIMIT $limit",
                [.. lastId is null ? parameters : belowParameters, ("$afterTicks", lastTicks), ("$afterId", lastId), ("$limit", StreamPage)]))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    page.Add(JsonSerializer.Deserialize<IncidentSummary>(reader.GetString(0), LedgerJson.Options)!);
                    lastTicks = reader.GetInt64(1);
                    lastId = reader.GetString(2);
                }
            }
            foreach (var s in page) yield return s;
            if (page.Count < StreamPage) yield break;
        }
    }

    /// <summary>The query's filters as a WHERE clause and its parameters (<see cref="IncidentQuery.Offset"/> and Limit aside).</summary>
    private static (string Where, List<(string, object?)> Parameters) Filter(IncidentQuery query)
    {
        var where = new StringBuilder("WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        if (query.GridId is not null) { where.Append(" AND grid_path LIKE $path"); parameters.Add(("$path", $"%/{query.GridId}/%")); }
        if (query.Status is not null) { where.Append(" AND status = $status"); parameters.Add(("$status", query.Status.ToString())); }
        if (query.Overdue is not null)
        {
            // Overdue is red now: the light rule stored when the incident turns red (SlaLightCourse.RedFrom); red never ends by itself.
            where.Append(query.Overdue.Value
                ? " AND red_from_ticks <= $now"
                : " AND (red_from_ticks IS NULL OR red_from_ticks > $now)");
            parameters.Add(("$now", query.Now.UtcTicks));
        }
        if (query.From is not null) { where.Append(" AND created_ticks >= $from"); parameters.Add(("$from", query.From.Value.UtcTicks)); }
        if (query.To is not null) { where.Append(" AND created_ticks < $to"); parameters.Add(("$to", query.To.Value.UtcTicks)); }
        if (query.Open is not null) { where.Append(" AND is_open = $open"); parameters.Add(("$open", query.Open.Value ? 1 : 0)); }
        if (query.Ids is not null) where.Append(" AND id IN (").Append(InList("$id", query.Ids, parameters)).Append(')');
        // Category and channel live only in the summary's JSON; the other filters (time, ids) narrow the scan first.
        if (query.Categories is not null)
            where.Append(" AND json_extract(data, '$.category') IN (").Append(InList("$category", query.Categories, parameters)).Append(')');
        if (query.Channels is not null)
            where.Append(" AND json_extract(data, '$.channel') IN (").Append(InList("$channel", query.Channels, parameters)).Append(')');
        if (query.Step is not null) { where.Append(" AND json_extract(data, '$.step') = $step"); parameters.Add(("$step", query.Step.Value)); }
        if (query.Light is { } light)
        {
            // The light at now off the stored course, as SlaLightCourse.At reads it: none, else red, else yellow, else green.
            const string notNone = "(none_from_ticks IS NULL OR none_from_ticks > $lightNow)";
            const string notRed = "(red_from_ticks IS NULL OR red_from_ticks > $lightNow)";
            where.Append(light switch
            {
                SlaLight.None => " AND none_from_ticks <= $lightNow",
                SlaLight.Red => $" AND {notNone} AND red_from_ticks <= $lightNow",
                SlaLight.Yellow => $" AND {notNone} AND {notRed} AND yellow_from_ticks <= $lightNow",
                _ => $" AND {notNone} AND {notRed} AND (yellow_from_ticks IS NULL OR yellow_from_ticks > $lightNow)",
            });
            parameters.Add(("$lightNow", query.Now.UtcTicks));
        }
        if (query.VisitClosedFrom is not null) { where.Append(" AND visit_closed_ticks >= $visitFrom"); parameters.Add(("$visitFrom", query.VisitClosedFrom.Value.UtcTicks)); }
        if (query.VisitClosedTo is not null) { where.Append(" AND visit_closed_ticks < $visitTo"); parameters.Add(("$visitTo", query.VisitClosedTo.Value.UtcTicks)); }
        if (query.PhoneDigits is not null) { where.Append(" AND phone_digits = $phone"); parameters.Add(("$phone", query.PhoneDigits)); }
        if (query.Search is not null)
        {
            // CaseSearch.Matches in SQL: the case number, or every word in the stored text, or a phone query's digits in the caller's phone.
            var terms = CaseSearch.Parse(query.Search);
            where.Append(" AND (id = $searchId COLLATE NOCASE");
            parameters.Add(("$searchId", terms.Id));
            if (terms.Words.Count > 0)
            {
                where.Append(" OR (search_text IS NOT NULL");
                for (var i = 0; i < terms.Words.Count; i++)
                {
                    where.Append($" AND instr(search_text, $word{i}) > 0");
                    parameters.Add(($"$word{i}", terms.Words[i]));
                }
                where.Append(')');
            }
            if (terms.PhoneDigits is not null) { where.Append(" OR instr(phone_digits, $searchPhone) > 0"); parameters.Add(("$searchPhone", terms.PhoneDigits)); }
            where.Append(')');
        }
        return (where.ToString(), parameters);
    }

    public async Task<IReadOnlyList<IncidentSummary>> OpenIn(string gridId, bool subtree = false)
    {
        await using var connection = database.OpenRead();
        await using var command = subtree
            ? Command(connection, null, "SELECT data FROM incidents WHERE is_open = 1 AND grid_path LIKE $path", ("$path", $"%/{gridId}/%"))
            : Command(connection, null, "SELECT data FROM incidents WHERE grid_id = $grid AND is_open = 1", ("$grid", gridId));
        return await ReadAll<IncidentSummary>(command);
    }

    public async Task<IReadOnlyList<IncidentSummary>> OpenAssignedTo(string memberId)
    {
        await using var connection = database.OpenRead();
        await using var command = Command(connection, null, "SELECT data FROM incidents WHERE assignee_id = $member AND is_open = 1", ("$member", memberId));
        return await ReadAll<IncidentSummary>(command);
    }

    public async Task<IReadOnlyList<IncidentSummary>> OpenNear(string category, double lat, double lon, double radiusMetres, DateTimeOffset since)
    {
        // A box a little larger than the circle narrows the scan; the caller measures the true distance.
        var dLat = radiusMetres / 111_000.0 * 1.1;
        var dLon = dLat / Math.Max(0.1, Math.Cos(lat * Math.PI / 180));
        await using var connection = database.OpenRead();
        await using var command = Command(connection, null, """
            SELECT data FROM incidents
            WHERE is_open = 1 AND category = $category AND created_ticks >= $since
              AND lat BETWEEN $lat0 AND $lat1 AND lon BETWEEN $lon0 AND $lon1
            """,
            ("$category", category), ("$since", since.UtcTicks), ("$lat0", lat - dLat), ("$lat1", lat + dLat), ("$lon0", lon - dLon), ("$lon1", lon + dLon));
        return await ReadAll<IncidentSummary>(command);
    }

    public async Task<IReadOnlyList<string>> DueForWake(DateTimeOffset atOrBefore, int limit)
    {
        await using var connection = database.OpenRead();
        await using var command = Command(connection, null,
            "SELECT id FROM incidents WHERE next_wake_ticks IS NOT NULL AND next_wake_ticks <= $t ORDER BY next_wake_ticks LIMIT $limit",
            ("$t", atOrBefore.UtcTicks), ("$limit", limit));
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>"$p0, $p1, …" for the values, each added as a parameter; "NULL" for none, which matches nothing.</summary>
    private static string InList(string prefix, IReadOnlyCollection<string> values, List<(string, object?)> parameters)
    {
        if (values.Count == 0) return "NULL";
        var names = values.Select((value, i) =>
        {
            var name = $"{prefix}{i}";
            parameters.Add((name, value));
            return name;
        }).ToList();
        return string.Join(", ", names);
    }

    private static string? GridPath(IReadOnlyList<string> chain) =>
        chain.Count == 0 ? null : "/" + string.Join("/", chain.Reverse()) + "/";

    private static async Task<List<T>> ReadAll<T>(SqliteCommand command)
    {
        var items = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) items.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), LedgerJson.Options)!);
        return items;
    }

    /// <summary>The writer's kept statement for <paramref name="sql"/> with these parameters (inside a write only).</summary>
    private SqliteCommand Statement(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters) =>
        Bind(database.Statement(transaction, sql), parameters);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Bind(command, parameters);
    }

    private static SqliteCommand Bind(SqliteCommand command, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
