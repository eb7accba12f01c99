namespace BlazorTrader.Engine.Notifications;

/// <summary>What happened; configuration can switch single kinds off (<c>Notifications:Kinds:DailySummary=false</c>).</summary>
public enum NotificationKind
{
    DuplicateBlocked,
    OrderRejected,
    LimitHit,
    FeedStale,
    ComponentRestarted,
    ReconciliationDifference,
    DailySummary,
    Info,
    /// <summary>Sign-in refused for a while after repeated wrong passwords (someone may be guessing).</summary>
    LoginLockout,
    /// <summary>A held futures month is near its last trade or past its roll: roll it (Rolls:WarnTradingDays).</summary>
    RollDue,
}
