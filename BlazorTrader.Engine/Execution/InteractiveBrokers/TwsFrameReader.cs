using System.Buffers.Binary;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// Reads whole frames from a stream. TCP may split a frame over several reads or deliver several frames in one,
/// so bytes are buffered until a full length-prefixed payload is in.
/// </summary>
internal sealed class TwsFrameReader(Stream stream, int maxFrameLength = TwsProtocol.MaxFrameLength)
{
    private byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    /// <summary>The next payload, or null when the stream ends cleanly between frames.</summary>
    /// <exception cref="EndOfStreamException">The stream ended inside a frame.</exception>
    /// <exception cref="TwsProtocolException">The length prefix is out of range.</exception>
    public async ValueTask<byte[]?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        if (!await FillAsync(4, cancellationToken))
            return null;
        var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start, 4));
        if (length < 0 || length > maxFrameLength)
            throw new TwsProtocolException($"Frame length {length} is outside 0..{maxFrameLength}.");
        if (!await FillAsync(4 + length, cancellationToken))
            throw new EndOfStreamException($"The connection closed inside a frame of {length} bytes.");
        var payload = _buffer.AsSpan(_start + 4, length).ToArray();
        _start += 4 + length;
        return payload;
    }

    /// <summary>Ensures <paramref name="count"/> buffered bytes; false if the stream ends before any byte of them arrived.</summary>
    private async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count)
        {
            MakeRoom(count);
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                if (_end == _start)
                    return false;
                throw new EndOfStreamException($"The connection closed with {_end - _start} bytes of an unfinished frame.");
            }
            _end += read;
        }
        return true;
    }

    private void MakeRoom(int count)
    {
        var buffered = _end - _start;
        if (_buffer.Length - _start >= count && _end < _buffer.Length)
            return;
        var target = _buffer.Length >= count ? _buffer : new byte[Math.Max(count, _buffer.Length * 2)];
        Buffer.BlockCopy(_buffer, _start, target, 0, buffered);
        _buffer = target;
        _start = 0;
        _end = buffered;
    }
}
