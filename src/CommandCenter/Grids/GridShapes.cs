using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using CommandCenter.Grains.Geography;
using Microsoft.Net.Http.Headers;

namespace CommandCenter.Grids;

/// <summary>
/// The grids' GeoJSON answers (<c>GET /api/grids</c>), serialized once per hierarchy version and selection (level,
/// parent) with their Brotli and gzip forms, instead of writing the city's ~640 KB on every page load. The shapes are
/// the same for everyone signed in (the endpoint is not grid-scoped), so nothing here depends on the caller. A new
/// version drops the old answers.
/// </summary>
public sealed class GridShapes
{
    private sealed record Answers(string Version, ConcurrentDictionary<(int? Level, string? Parent), Answer> BySelection);

    private volatile Answers? current;

    /// <summary>The answer for a selection of the index's hierarchy; <paramref name="nodes"/> is asked only on a miss.</summary>
    public Answer For(GridIndex index, int? level, string? parent, Func<IEnumerable<GridNode>> nodes)
    {
        var version = index.Hierarchy.Version;
        var answers = current;
        if (answers is null || answers.Version != version) current = answers = new Answers(version, new());
        return answers.BySelection.GetOrAdd((level, parent), _ => Answer.Of(version, GridGeoJson.Collection(nodes())));
    }

    /// <summary>
    /// One serialized answer. The ETag is weak (W/) because the same entity is sent in three encodings; it changes with
    /// the hierarchy's version and the bytes.
    /// </summary>
    public sealed class Answer
    {
        private readonly Lazy<byte[]> brotli;
        private readonly Lazy<byte[]> gzip;

        private Answer(string etag, byte[] plain)
        {
            ETag = etag;
            Plain = plain;
            brotli = new(() => Compress(plain, s => new BrotliStream(s, CompressionLevel.Optimal)));
            gzip = new(() => Compress(plain, s => new GZipStream(s, CompressionLevel.Optimal)));
        }

        public string ETag { get; }

        public byte[] Plain { get; }

        public static Answer Of(string version, byte[] plain)
        {
            var digest = SHA256.HashData([.. System.Text.Encoding.UTF8.GetBytes(version), .. plain]);
            return new Answer($"W/\"{Convert.ToHexStringLower(digest.AsSpan(0, 12))}\"", plain);
        }

        /// <summary>304 when the caller already holds this answer; else the best encoding it accepts.</summary>
        public IResult Result(HttpRequest request) => new Response(this, request);

        private static byte[] Compress(byte[] plain, Func<Stream, Stream> encoder)
        {
            using var output = new MemoryStream(plain.Length / 4);
            using (var stream = encoder(output)) stream.Write(plain);
            return output.ToArray();
        }

        private sealed class Response(Answer answer, HttpRequest request) : IResult
        {
            public async Task ExecuteAsync(HttpContext http)
            {
                var headers = http.Response.Headers;
                headers.ETag = answer.ETag;
                // Kept, but checked each time: the hierarchy can change under the same address.
                headers.CacheControl = "no-cache";
                headers.Vary = HeaderNames.AcceptEncoding;
                if (Holds(request, answer.ETag))
                {
                    http.Response.StatusCode = StatusCodes.Status304NotModified;
                    return;
                }
                var (encoding, body) = Accepts(request, "br") ? ("br", answer.brotli.Value)
                    : Accepts(request, "gzip") ? ("gzip", answer.gzip.Value)
                    : (null, answer.Plain);
                // Already encoded: the compression middleware leaves an answer with a Content-Encoding alone.
                if (encoding is not null) headers.ContentEncoding = encoding;
                http.Response.ContentType = "application/geo+json; charset=utf-8";
                http.Response.ContentLength = body.Length;
                await http.Response.Body.WriteAsync(body, http.RequestAborted);
            }

            private static bool Holds(HttpRequest request, string etag) =>
                EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
                && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false));

            private static bool Accepts(HttpRequest request, string encoding) =>
                StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var accepted)
                && accepted.Any(a => string.Equals(a.Value.Value, encoding, StringComparison.OrdinalIgnoreCase) && (a.Quality ?? 1) > 0);
        }
    }
}
