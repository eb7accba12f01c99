namespace BlazorTrader.Hosting.Security;

public static class ApiKeyExtensions
{
    public const string HeaderName = "X-Api-Key";

    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<FirstStartSecrets>();
        return services;
    }

    /// <summary>Registered after persistence so the database exists when secrets are resolved.</summary>
    public static IServiceCollection AddFirstStartSecretsInitializer(this IServiceCollection services) =>
        services.AddHostedService<FirstStartSecretsInitializer>();

    /// <summary>Every endpoint of the group needs a valid <c>X-Api-Key</c>; otherwise 401 with a problem body.</summary>
    public static RouteGroupBuilder RequireApiKey(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var secrets = context.HttpContext.RequestServices.GetRequiredService<FirstStartSecrets>();
            if (secrets.ApiKeyMatches(context.HttpContext.Request.Headers[HeaderName]))
                return await next(context);
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
                detail: $"Send the REST API key in the {HeaderName} header (printed at first start, or set BlazorTrader:ApiKey).");
        });
        return group;
    }
}
