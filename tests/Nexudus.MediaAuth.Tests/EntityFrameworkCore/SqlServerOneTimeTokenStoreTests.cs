namespace Nexudus.MediaAuth.Tests.EntityFrameworkCore;

/// <summary>The store on the SQL Server of MEDIAAUTH_SQLSERVER: DELETE … OUTPUT, and the portable path for adding.</summary>
public sealed class SqlServerOneTimeTokenStoreTests : OneTimeTokenStoreContract
{

    [SqlServerFact]
    public Task Add_take_duplicate_absent_and_expired() => WithDatabaseAsync(database => AddTakeDuplicateAbsentAndExpiredAsync(database, portable: false));

    [SqlServerFact]
    public Task Add_take_duplicate_absent_and_expired_on_the_portable_path() => WithDatabaseAsync(database => AddTakeDuplicateAbsentAndExpiredAsync(database, portable: true));

    [SqlServerFact]
    public Task An_expired_row_gives_way_to_a_new_one() => WithDatabaseAsync(database => AnExpiredRowGivesWayToANewOneAsync(database, portable: false));

    [SqlServerFact]
    public Task An_expired_row_gives_way_to_a_new_one_on_the_portable_path() => WithDatabaseAsync(database => AnExpiredRowGivesWayToANewOneAsync(database, portable: true));

    [SqlServerFact]
    public Task Set_replaces_and_get_reads_without_taking() => WithDatabaseAsync(database => SetReplacesAndGetReadsWithoutTakingAsync(database, portable: false));

    [SqlServerFact]
    public Task Set_replaces_and_get_reads_without_taking_on_the_portable_path() => WithDatabaseAsync(database => SetReplacesAndGetReadsWithoutTakingAsync(database, portable: true));

    [SqlServerFact]
    public Task Concurrent_takers_on_two_stores_get_each_payload_once() => WithDatabaseAsync(database => ConcurrentTakersOnTwoStoresGetEachPayloadOnceAsync(database, portable: false));

    [SqlServerFact]
    public Task Concurrent_takers_on_two_stores_get_each_payload_once_on_the_portable_path() => WithDatabaseAsync(database => ConcurrentTakersOnTwoStoresGetEachPayloadOnceAsync(database, portable: true));

    [SqlServerFact]
    public Task Expired_rows_are_purged_in_batches_at_most_once_per_interval() => WithDatabaseAsync(ExpiredRowsArePurgedInBatchesAtMostOncePerIntervalAsync);

    [SqlServerFact]
    public Task The_health_probe_leaves_no_row() => WithDatabaseAsync(TheHealthProbeLeavesNoRowAsync);

    private static async Task WithDatabaseAsync(Func<TestDatabase, Task> test)
    {
        await using var database = await TestDatabase.SqlServerAsync();
        await test(database);
    }
}
