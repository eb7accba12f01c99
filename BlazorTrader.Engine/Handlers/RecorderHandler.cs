using BlazorTrader.Engine.Book;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Recorders;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Handlers;

/// <summary>Recorder create/update/delete/rotate, on the engine loop so no signal sees a half-changed recorder.</summary>
internal sealed class RecorderHandler(
    IDbContextFactory<TradingDbContext> dbFactory,
    TradingBook book,
    RecorderDirectory directory,
    LiveBookSync liveBook,
    EngineEventHub events,
    TimeProvider time)
{
    public async Task<RecorderCreated> CreateAsync(CreateRecorder command, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = WebhookToken.New();
        var now = time.GetUtcNow().UtcDateTime;
        var recorder = new RecorderEntity { Name = command.Draft.Name.Trim(), WebhookTokenHash = WebhookToken.Hash(token), TokenCreatedAt = now, CreatedAt = now };
        Apply(recorder, command.Draft, now);
        db.Recorders.Add(recorder);
        await db.SaveChangesAsync(ct);
        book.PutRecorder(recorder);
        RefreshDirectory();
        Log($"Recorder '{recorder.Name}' created", recorder.Id);
        return new RecorderCreated(recorder.Id, token);
    }

    public async Task<bool> UpdateAsync(UpdateRecorder command, CancellationToken ct)
    {
        if (book.Recorder(command.Id) is not { } held) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A copy is changed and saved; the book takes it only once it is durable.
        var recorder = db.Recorders.Attach(Copy(held)).Entity;
        Apply(recorder, command.Draft, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        book.PutRecorder(recorder);
        RefreshDirectory();
        liveBook.RebuildRecorder(recorder.Id);
        Log($"Recorder '{recorder.Name}' updated", recorder.Id);
        return true;
    }

    public async Task<bool> DeleteAsync(DeleteRecorder command, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var id = command.Id;
        await db.Trades.Where(t => t.RecorderId == id).ExecuteDeleteAsync(ct);
        await db.Positions.Where(p => p.RecorderId == id).ExecuteDeleteAsync(ct);
        await db.Signals.Where(s => s.RecorderId == id).ExecuteDeleteAsync(ct);
        await db.PnlHistory.Where(h => h.RecorderId == id).ExecuteDeleteAsync(ct);
        var deleted = await db.Recorders.Where(r => r.Id == id).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        book.RemoveRecorder(id);
        RefreshDirectory();
        liveBook.RebuildRecorder(id);
        if (deleted > 0) Log($"Recorder {id} deleted with its signals, positions and trades", id);
        return deleted > 0;
    }

    public async Task<string?> RotateTokenAsync(RotateRecorderToken command, CancellationToken ct)
    {
        if (book.Recorder(command.Id) is not { } held) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recorder = db.Recorders.Attach(Copy(held)).Entity;
        var token = WebhookToken.New();
        recorder.WebhookTokenHash = WebhookToken.Hash(token);
        recorder.TokenCreatedAt = recorder.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        book.PutRecorder(recorder);
        RefreshDirectory();
        Log($"Recorder '{recorder.Name}': webhook token rotated; the old URL no longer works", recorder.Id);
        return token;
    }

    /// <summary>Publishes the book's recorders to the webhook endpoint's lock-free directory.</summary>
    public void RefreshDirectory()
    {
        directory.Replace(book.Recorders.Select(r => new RecorderInfo(r.Id, r.Name, r.WebhookTokenHash, r.RecordingEnabled)));
        events.Publish(new RecordersChanged(time.GetUtcNow()));
    }

    /// <summary>A detached copy of a recorder row (its owned lists too), so a failed save leaves the book's object untouched.</summary>
    private static RecorderEntity Copy(RecorderEntity r)
    {
        var copy = new RecorderEntity { Name = r.Name, WebhookTokenHash = r.WebhookTokenHash, Id = r.Id, TokenCreatedAt = r.TokenCreatedAt, CreatedAt = r.CreatedAt };
        Apply(copy, r.ToDraft(), r.UpdatedAt);
        return copy;
    }

    private static void Apply(RecorderEntity r, RecorderDraft d, DateTime now)
    {
        r.Name = d.Name.Trim();
        r.RecordingEnabled = d.RecordingEnabled;
        r.InitialPositionSize = d.InitialPositionSize;
        r.AddPositionSize = d.AddPositionSize;
        r.TpUnits = d.TpUnits;
        r.TpTargets = d.TpTargets.Select(t => new TpTargetSetting { Value = t.Value, Trim = t.Trim }).ToList();
        r.SlEnabled = d.SlEnabled;
        r.SlAmount = d.SlAmount;
        r.SlUnits = d.SlUnits;
        r.TrailingEnabled = d.TrailingEnabled;
        r.TrailingTrigger = d.TrailingTrigger;
        r.TrailingDistance = d.TrailingDistance;
        r.BreakEvenAfterTp1 = d.BreakEvenAfterTp1;
        r.PauseExitsOnDelayedData = d.PauseExitsOnDelayedData;
        r.MaxEntriesPerDay = d.MaxEntriesPerDay;
        r.BlockReentryAfterClose = d.BlockReentryAfterClose;
        r.SameSideSignal = d.SameSideSignal;
        r.Capital = d.Capital;
        r.Accounts = d.Accounts.Select(a => new AccountLink { AccountId = a.AccountId, Multiplier = a.Multiplier }).ToList();
        r.UpdatedAt = now;
    }

    private void Log(string message, long recorderId) =>
        events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Info, message, recorderId));
}
