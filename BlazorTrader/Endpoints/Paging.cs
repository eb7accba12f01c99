namespace BlazorTrader.Endpoints;

/// <summary>?page=&amp;pageSize= with defaults 1 and 50, pageSize at most 500.</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int MaxPageSize = 500;

    public int Skip => (Page - 1) * PageSize;

    public static bool TryCreate(int? page, int? pageSize, out Paging paging, out IResult? error)
    {
        paging = new Paging(page ?? 1, pageSize ?? 50);
        error = null;
        if (paging.Page < 1)
            error = Results.ValidationProblem(new Dictionary<string, string[]> { ["page"] = ["page must be 1 or more"] });
        else if (paging.PageSize is < 1 or > MaxPageSize)
            error = Results.ValidationProblem(new Dictionary<string, string[]> { ["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}"] });
        return error is null;
    }
}
