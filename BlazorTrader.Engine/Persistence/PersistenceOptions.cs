namespace BlazorTrader.Engine.Persistence;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Where trading state lives: <c>Database:Provider</c>, <c>ConnectionStrings:Default</c>, <c>BlazorTrader:DataDirectory</c>.</summary>
public sealed record PersistenceSettings(DatabaseProvider Provider, string ConnectionString, string DataDirectory);
