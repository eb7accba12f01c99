using System.Text;
using BlazorTrader.Engine.Execution.InteractiveBrokers;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;

public class TwsFrameCodecTests
{
    [Fact]
    public void Handshake_IsApiNulThenLengthPrefixedVersionRangeWithoutNul()
    {
        var bytes = TwsFrameCodec.EncodeHandshake(100, 178);

        byte[] expected = [0x41, 0x50, 0x49, 0x00, 0x00, 0x00, 0x00, 0x09, .. "v100..178"u8];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Handshake_AppendsConnectOptionsAfterASpace()
    {
        var bytes = TwsFrameCodec.EncodeHandshake(100, 178, "+PACEAPI");

        Assert.Equal("v100..178 +PACEAPI", Encoding.ASCII.GetString(bytes, 8, bytes.Length - 8));
        Assert.Equal(18, bytes[7]);
    }

    [Fact]
    public void ServerHello_YieldsVersionAndOpaqueConnectionTime()
    {
        var payload = "178\u000020260101 09:30:00 EST\u0000"u8.ToArray();

        var (version, time) = TwsConnection.ParseServerHello(payload);

        Assert.Equal(26, payload.Length);
        Assert.Equal(178, version);
        Assert.Equal("20260101 09:30:00 EST", time);
    }

    [Fact]
    public void ServerHello_AboveTheVersionThisClientOffered_IsRefused_NotMisread()
    {
        var ex = Assert.Throws<TwsConnectException>(() => TwsConnection.ParseServerHello("187\u0000x\u0000"u8.ToArray()));

        Assert.Contains("187", ex.Message, StringComparison.Ordinal);
        Assert.Contains("178", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerHello_BelowVersion178_IsRefusedWithAClearReason()
    {
        var ex = Assert.Throws<TwsConnectException>(() => TwsConnection.ParseServerHello("176\u0000x\u0000"u8.ToArray()));

        Assert.Contains("176", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Frame_HasBigEndianLengthPrefix()
    {
        var payload = new byte[0x0102];

        var frame = TwsFrameCodec.EncodeFrame(payload);

        Assert.Equal(new byte[] { 0, 0, 1, 2 }, frame[..4]);
        Assert.Equal(4 + 0x0102, frame.Length);
    }

    [Fact]
    public void Fields_EndEachWithNul_EmptyFieldsIncluded()
    {
        var payload = TwsFrameCodec.EncodeFields(["4", "2", "-1", "2104", "ok", ""]);

        Assert.Equal("4\u00002\u0000-1\u00002104\u0000ok\u0000\u0000", Encoding.ASCII.GetString(payload));
        Assert.Equal(["4", "2", "-1", "2104", "ok", ""], TwsFrameCodec.DecodeFields(payload));
    }

    [Fact]
    public async Task ManyGeneratedFieldLists_RoundTripThroughFramesReadInRandomChunks()
    {
        var random = new Random(20260101);
        var lists = Enumerable.Range(0, 400).Select(_ => RandomFields(random)).ToList();
        var wire = new MemoryStream();
        foreach (var fields in lists)
            wire.Write(TwsFrameCodec.EncodeFrame(TwsFrameCodec.EncodeFields(fields)));
        var reader = new TwsFrameReader(new ChunkedStream(wire.ToArray(), random, maxChunk: 700));

        foreach (var expected in lists)
        {
            var payload = await reader.ReadFrameAsync(CancellationToken.None);
            Assert.NotNull(payload);
            Assert.Equal(expected, TwsFrameCodec.DecodeFields(payload));
        }
        Assert.Null(await reader.ReadFrameAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SeveralFramesInOneRead_AreReturnedOneByOne()
    {
        var wire = new MemoryStream();
        wire.Write(TwsFrameCodec.EncodeFrame(TwsFrameCodec.EncodeFields(["9", "1", "1000"])));
        wire.Write(TwsFrameCodec.EncodeFrame(TwsFrameCodec.EncodeFields(["15", "1", "DU1234567"])));
        wire.Write(TwsFrameCodec.EncodeFrame([]));
        var reader = new TwsFrameReader(new MemoryStream(wire.ToArray()));

        Assert.Equal(["9", "1", "1000"], TwsFrameCodec.DecodeFields((await reader.ReadFrameAsync(default))!));
        Assert.Equal(["15", "1", "DU1234567"], TwsFrameCodec.DecodeFields((await reader.ReadFrameAsync(default))!));
        Assert.Empty((await reader.ReadFrameAsync(default))!);
        Assert.Null(await reader.ReadFrameAsync(default));
    }

    [Fact]
    public async Task StreamEndingInsideAFrame_IsAnError_NotASilentEnd()
    {
        var frame = TwsFrameCodec.EncodeFrame(TwsFrameCodec.EncodeFields(["3", "1001", "Filled"]));
        var reader = new TwsFrameReader(new MemoryStream(frame[..^3]));

        await Assert.ThrowsAsync<EndOfStreamException>(() => reader.ReadFrameAsync(default).AsTask());
    }

    [Fact]
    public async Task LengthAboveTheLimit_IsAProtocolError()
    {
        var reader = new TwsFrameReader(new MemoryStream([0x01, 0x00, 0x00, 0x00, 0x41]));

        await Assert.ThrowsAsync<TwsProtocolException>(() => reader.ReadFrameAsync(default).AsTask());
    }

    [Fact]
    public void FieldContainingNul_IsRejectedBeforeItCorruptsTheFraming()
    {
        Assert.Throws<ArgumentException>(() => new TwsFieldWriter(3).Add("a\0b"));
    }

    private static string[] RandomFields(Random random)
    {
        const string alphabet = "abcXYZ0129 .,-_|=;:/\u00e9\u00fc\u20ac\u4e2d\U0001F600";
        var count = random.Next(0, 40);
        var fields = new string[count];
        for (var i = 0; i < count; i++)
        {
            // Mostly short, sometimes empty, sometimes long enough to span many reads.
            var length = random.Next(10) switch { 0 => 0, 1 => random.Next(1000, 20_000), _ => random.Next(1, 12) };
            var text = new StringBuilder();
            while (text.Length < length)
            {
                var start = random.Next(alphabet.Length);
                // Keep surrogate pairs whole.
                text.Append(char.IsHighSurrogate(alphabet[start]) ? alphabet.Substring(start, 2)
                    : char.IsLowSurrogate(alphabet[start]) ? "x" : alphabet[start].ToString());
            }
            fields[i] = text.ToString();
        }
        return fields;
    }

    /// <summary>Returns at most a random number of bytes per read, as TCP may.</summary>
    private sealed class ChunkedStream(byte[] data, Random random, int maxChunk) : Stream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, random.Next(1, maxChunk + 1)), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = Math.Min(Math.Min(buffer.Length, random.Next(1, maxChunk + 1)), data.Length - _position);
            data.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return ValueTask.FromResult(n);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
