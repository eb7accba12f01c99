namespace BlazorTrader.Tests;

/// <summary>The repository the tests run from, for tests that read its docs or sources.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BlazorTrader.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("BlazorTrader.sln not found above the test output directory");
    }
}
