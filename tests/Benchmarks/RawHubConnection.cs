using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using MessagePack;

namespace CommandCenter.Benchmarks;

/// <summary>
/// A cheap SignalR client for holding thousands of connections: a raw WebSocket that does the SignalR
/// handshake (MessagePack protocol), splits the frames into messages by their length prefix and hands
/// each invocation's bytes, undecoded, to the caller, who reads only what it measures. It answers
/// nothing but its own invocation (one <see cref="Invoke"/> at a time) and keeps the connection alive
/// with a ping every 10 s (the server drops a client silent for 30 s). What the full
/// <c>HubConnection</c> spends per message (decoding every batch into objects, its dispatch) would
/// otherwise be more CPU on the benchmark's side than the center spends sending.
/// </summary>
internal sealed class RawHubConnection : IAsyncDisposable
{
    /// <summary>One hub message: the MessagePack array (without its length prefix) in buffer[offset..offset+length).</summary>
    public delegate void Handler(byte[] buffer, int offset, int length);

    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"messagepack\",\"version\":1}\u001e");
    private static readonly byte[] Ping = [0x02, 0x91, 0x06]; // length 2, [6]
    private readonly ClientWebSocket socket;
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly Handler? onInvocation;
    private byte[] buffer;
    private int filled;
    private TaskCompletionSource? completion;
    private Task? receiving;
    private int invocations;
    private long bytes;

    private RawHubConnection(ClientWebSocket socket, int bufferSize, Handler? onInvocation)
    {
        this.socket = socket;
        this.onInvocation = onInvocation;
        buffer = new byte[bufferSize];
    }

    /// <summary>Invocations received (pushes delivered to this connection).</summary>
    public int Invocations => Volatile.Read(ref invocations);

    /// <summary>Bytes of hub messages received.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    /// <summary>Raised once when the connection closes or fails after the handshake.</summary>
    public event Action? Closed;

    /// <summary>Connects to <paramref name="hub"/> (http or ws address) with an optional bearer token and completes the handshake.</summary>
    public static async Task<RawHubConnection> Connect(Uri hub, string? token, Handler? onInvocation, int bufferSize = 4096, CancellationToken cancel = default)
    {
        var socket = new ClientWebSocket();
        if (token is not null) socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        var address = new UriBuilder(hub) { Scheme = hub.Scheme == "https" ? "wss" : "ws" }.Uri;
        await socket.ConnectAsync(address, cancel);
        var connection = new RawHubConnection(socket, bufferSize, onInvocation);
        await socket.SendAsync(Handshake, WebSocketMessageType.Binary, true, cancel);
        // The answer is "{}" and a record separator (or an error); hub messages may follow in the same frame.
        while (true)
        {
            var r = await socket.ReceiveAsync(connection.buffer.AsMemory(connection.filled), cancel);
            if (r.MessageType == WebSocketMessageType.Close) throw new WebSocketException("closed during the handshake");
            connection.filled += r.Count;
            var end = Array.IndexOf(connection.buffer, (byte)0x1e, 0, connection.filled);
            if (end < 0)
            {
                if (connection.filled == connection.buffer.Length) Array.Resize(ref connection.buffer, connection.buffer.Length * 2);
                continue;
            }
            var answer = Encoding.UTF8.GetString(connection.buffer, 0, end);
            if (answer.Contains("error", StringComparison.Ordinal)) throw new WebSocketException("handshake refused: " + answer);
            connection.filled -= end + 1;
            Buffer.BlockCopy(connection.buffer, end + 1, connection.buffer, 0, connection.filled);
            break;
        }
        connection.receiving = Task.Run(connection.Receive, CancellationToken.None);
        return connection;
    }

    /// <summary>Invokes a hub method with string arguments and waits for its completion (its result is not read).</summary>
    public async Task Invoke(string target, params string[] arguments)
    {
        var body = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(body);
        writer.WriteArrayHeader(6);
        writer.Write(1); // invocation
        writer.WriteMapHeader(0);
        writer.Write("1");
        writer.Write(target);
        writer.WriteArrayHeader(arguments.Length);
        foreach (var a in arguments) writer.Write(a);
        writer.WriteArrayHeader(0);
        writer.Flush();
        var message = new byte[5 + body.WrittenCount];
        var n = WriteVarint(message, body.WrittenCount);
        body.WrittenSpan.CopyTo(message.AsSpan(n));
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref completion, done);
        await Send(message.AsMemory(0, n + body.WrittenCount));
        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Sends a ping: the server closes a connection it has not heard from for its client timeout (30 s).</summary>
    public Task KeepAlive() => socket.State == WebSocketState.Open ? Send(Ping) : Task.CompletedTask;

    private async Task Send(ReadOnlyMemory<byte> message)
    {
        await sending.WaitAsync();
        try { await socket.SendAsync(message, WebSocketMessageType.Binary, true, CancellationToken.None); }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException) { }
        finally { sending.Release(); }
    }

    private async Task Receive()
    {
        try
        {
            while (true)
            {
                if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                var r = await socket.ReceiveAsync(buffer.AsMemory(filled), CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close) break;
                filled += r.Count;
                var at = 0;
                while (TryReadVarint(buffer, at, filled, out var length, out var prefix) && at + prefix + length <= filled)
                {
                    Handle(at + prefix, length);
                    at += prefix + length;
                }
                if (at > 0)
                {
                    filled -= at;
                    Buffer.BlockCopy(buffer, at, buffer, 0, filled);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException) { }
        Closed?.Invoke();
    }

    private void Handle(int offset, int length)
    {
        Interlocked.Add(ref bytes, length);
        // [type, ...]: an array header of one byte (fixarray) and a positive fixint type.
        var type = length > 1 ? buffer[offset + 1] : (byte)0;
        switch (type)
        {
            case 1:
                Interlocked.Increment(ref invocations);
                onInvocation?.Invoke(buffer, offset, length);
                break;
            case 3:
                Interlocked.Exchange(ref completion, null)?.TrySetResult();
                break;
        }
    }

    private static bool TryReadVarint(byte[] data, int at, int end, out int value, out int size)
    {
        value = 0;
        size = 0;
        for (var shift = 0; at + size < end && shift < 35; shift += 7)
        {
            var b = data[at + size++];
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) return true;
        }
        return false;
    }

    private static int WriteVarint(byte[] into, int value)
    {
        var n = 0;
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            into[n++] = value > 0 ? (byte)(b | 0x80) : b;
        } while (value > 0);
        return n;
    }

    /// <summary>
    /// Reads an invocation's first argument as <typeparamref name="T"/> (for the few messages that are decoded in full).
    /// </summary>
    public static T FirstArgument<T>(byte[] buffer, int offset, int length, MessagePackSerializerOptions options)
    {
        var reader = new MessagePackReader(buffer.AsMemory(offset, length));
        reader.ReadArrayHeader();
        reader.ReadInt32(); // type
        reader.Skip(); // headers
        reader.Skip(); // invocation id
        reader.Skip(); // target
        reader.ReadArrayHeader();
        return MessagePackSerializer.Deserialize<T>(ref reader, options);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (socket.State == WebSocketState.Open)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or ObjectDisposedException or OperationCanceledException) { }
        socket.Abort();
        if (receiving is not null) await receiving;
        socket.Dispose();
    }
}
