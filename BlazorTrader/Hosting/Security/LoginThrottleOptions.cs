using System.ComponentModel.DataAnnotations;

namespace BlazorTrader.Hosting.Security;

/// <summary>Configuration section <c>Login</c>: how wrong passwords slow down, then lock out, the one who sends them.</summary>
public sealed class LoginThrottleOptions
{
    public const string Section = "Login";

    /// <summary>Failures from one address (per user, and over all users) before each further try must wait.</summary>
    [Range(1, 1000)] public int BackoffAfterFailures { get; set; } = 5;

    /// <summary>The first wait; it doubles with each further failure, up to <see cref="MaxBackoffSeconds"/>.</summary>
    [Range(1, 3600)] public int BackoffSeconds { get; set; } = 1;

    [Range(1, 86_400)] public int MaxBackoffSeconds { get; set; } = 900;

    /// <summary>Failures for one user over all addresses that lock the user out (for the addresses that failed) for <see cref="LockoutMinutes"/>.</summary>
    [Range(1, 10_000)] public int LockoutAfterFailures { get; set; } = 10;

    [Range(1, 1440)] public int LockoutMinutes { get; set; } = 15;

    /// <summary>Failures older than this are forgotten.</summary>
    [Range(1, 10_080)] public int ForgetAfterMinutes { get; set; } = 60;
}
