using System.Globalization;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// Keeps the next order id in a small text file, written before an id is handed out (write to a temporary file, then
/// rename, so a crash never leaves a torn number). Until the database takes this over.
/// </summary>
internal sealed class FileOrderIdStore : IOrderIdStore
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _path;
    private int _next;

    public FileOrderIdStore(string path)
    {
        _path = path;
        _next = File.Exists(path)
            ? int.Parse(File.ReadAllText(path).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture)
            : 1;
    }

    public async ValueTask ObserveAsync(int nextValidId, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (nextValidId > _next)
                await PersistAsync(nextValidId, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<int> AllocateAsync(int count = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var first = _next;
            await PersistAsync(first + count, cancellationToken);
            return first;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task PersistAsync(int next, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(_path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        var temporary = _path + ".tmp";
        await File.WriteAllTextAsync(temporary, next.ToString(CultureInfo.InvariantCulture), cancellationToken);
        File.Move(temporary, _path, overwrite: true);
        _next = next;
    }
}
