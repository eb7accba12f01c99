using BlazorTrader.Engine.Persistence.Entities;

namespace BlazorTrader.Services;

/// <summary>One line of the day's P&amp;L: a recorder or an account, realized today, unrealized now, and for an account the slippage.</summary>
public sealed record DayPnlRow(PositionKind Kind, long Id, string Name, decimal RealizedToday, decimal Unrealized, decimal? Slippage);

/// <summary>
/// Sets each account's fills beside what its recorders booked at signal prices: an account's slippage is what its copies of a
/// recorder realized today minus that recorder's realized today times the link's multiplier (negative = filled worse).
/// </summary>
public static class DayPnl
{
    public static IReadOnlyList<DayPnlRow> Rows(IReadOnlyList<RecorderEntity> recorders, IReadOnlyDictionary<long, decimal> recorderRealized,
        IReadOnlyDictionary<long, decimal> recorderUnrealized, IReadOnlyList<AccountDay> accounts, IReadOnlyDictionary<long, decimal> accountUnrealized)
    {
        var rows = recorders
            .Where(r => recorderRealized.ContainsKey(r.Id) || recorderUnrealized.ContainsKey(r.Id))
            .Select(r => new DayPnlRow(PositionKind.Recorder, r.Id, r.Name, recorderRealized.GetValueOrDefault(r.Id), recorderUnrealized.GetValueOrDefault(r.Id), null))
            .ToList();
        foreach (var a in accounts.Where(a => a.RealizedToday != 0 || a.RealizedByRecorder.Count > 0 || accountUnrealized.ContainsKey(a.AccountId)))
        {
            decimal? slippage = null;
            foreach (var (recorderId, copied) in a.RealizedByRecorder)
            {
                var link = recorders.FirstOrDefault(r => r.Id == recorderId)?.Accounts.FirstOrDefault(l => l.AccountId == a.AccountId);
                if (link is null) continue;   // no longer linked: nothing to compare with
                slippage = (slippage ?? 0) + copied - recorderRealized.GetValueOrDefault(recorderId) * link.Multiplier;
            }
            rows.Add(new DayPnlRow(PositionKind.Account, a.AccountId, a.AccountName, a.RealizedToday, accountUnrealized.GetValueOrDefault(a.AccountId), slippage));
        }
        return rows;
    }
}
