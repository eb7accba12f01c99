namespace BlazorTrader.Engine.Strategies.Options;

public enum OptionRight { Put, Call }
