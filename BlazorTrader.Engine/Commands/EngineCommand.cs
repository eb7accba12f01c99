using BlazorTrader.Engine.Signals;

namespace BlazorTrader.Engine.Commands;

/// <summary>Everything that changes trading state is one of these, handled in order by <see cref="TradingEngine"/>.</summary>
public abstract record EngineCommand;

/// <summary>A command whose sender awaits an answer.</summary>
public interface IEngineRequest
{
    /// <summary>Answers the sender with a failure (a handler that answers later, after a commit, failed before it).</summary>
    void Fail(Exception ex);
}

/// <summary>A command whose sender awaits an answer through <see cref="Reply"/>.</summary>
public abstract record EngineRequest<TResult> : EngineCommand, IEngineRequest
{
    // RunContinuationsAsynchronously: the awaiting caller must never run on the engine's thread.
    public TaskCompletionSource<TResult> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Runs the handler and answers the sender with its result; a failure reaches the sender and the engine loop both.</summary>
    public async Task AnswerAsync(Func<Task<TResult>> handle)
    {
        try
        {
            Reply.TrySetResult(await handle());
        }
        catch (Exception ex)
        {
            Reply.TrySetException(ex);
            throw;
        }
    }

    public void Fail(Exception ex) => Reply.TrySetException(ex);
}

public sealed record ApplySignal(string TokenHash, SignalRequest Signal, string RawPayload, DateTimeOffset ReceivedAt)
    : EngineRequest<SignalOutcome>
{
    /// <summary>False when the accounts are handled separately (flatten closes them directly).</summary>
    public bool CopyToAccounts { get; init; } = true;
}

public sealed record CreateRecorder(RecorderDraft Draft) : EngineRequest<RecorderCreated>;

public sealed record UpdateRecorder(long Id, RecorderDraft Draft) : EngineRequest<bool>;

public sealed record DeleteRecorder(long Id) : EngineRequest<bool>;

/// <summary>Answers the new clear-text token, or null when the recorder does not exist.</summary>
public sealed record RotateRecorderToken(long Id) : EngineRequest<string?>;
