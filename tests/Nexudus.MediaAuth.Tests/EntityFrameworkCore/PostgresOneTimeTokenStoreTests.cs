namespace Nexudus.MediaAuth.Tests.EntityFrameworkCore;

/// <summary>The store on a real PostgreSQL: the provider's statements are DELETE … RETURNING and INSERT … ON CONFLICT.</summary>
public sealed class PostgresOneTimeTokenStoreTests(PostgresServerFixture postgres) : OneTimeTokenStoreContract, IClassFixture<PostgresServerFixture>
{

    [PostgresFact]
    public Task Add_take_duplicate_absent_and_expired() => WithDatabaseAsync(database => AddTakeDuplicateAbsentAndExpiredAsync(database, portable: false));

    [PostgresFact]
    public Task Add_take_duplicate_absent_and_expired_on_the_portable_path() => WithDatabaseAsync(database => AddTakeDuplicateAbsentAndExpiredAsync(database, portable: true));

    [PostgresFact]
    public Task An_expired_row_gives_way_to_a_new_one() => WithDatabaseAsync(database => AnExpiredRowGivesWayToANewOneAsync(database, portable: false));

    [PostgresFact]
    public Task An_expired_row_gives_way_to_a_new_one_on_the_portable_path() => WithDatabaseAsync(database => AnExpiredRowGivesWayToANewOneAsync(database, portable: true));

    [PostgresFact]
    public Task Set_replaces_and_get_reads_without_taking() => WithDatabaseAsync(database => SetReplacesAndGetReadsWithoutTakingAsync(database, portable: false));

    [PostgresFact]
    public Task Set_replaces_and_get_reads_without_taking_on_the_portable_path() => WithDatabaseAsync(database => SetReplacesAndGetReadsWithoutTakingAsync(database, portable: true));

    [PostgresFact]
    public Task Concurrent_takers_on_two_stores_get_each_payload_once() => WithDatabaseAsync(database => ConcurrentTakersOnTwoStoresGetEachPayloadOnceAsync(database, portable: false));

    [PostgresFact]
    public Task Concurrent_takers_on_two_stores_get_each_payload_once_on_the_portable_path() => WithDatabaseAsync(database => ConcurrentTakersOnTwoStoresGetEachPayloadOnceAsync(database, portable: true));

    [PostgresFact]
    public Task Expired_rows_are_purged_in_batches_at_most_once_per_interval() => WithDatabaseAsync(ExpiredRowsArePurgedInBatchesAtMostOncePerIntervalAsync);

    [PostgresFact]
    public Task The_health_probe_leaves_no_row() => WithDatabaseAsync(TheHealthProbeLeavesNoRowAsync);

    private Task WithDatabaseAsync(Func<TestDatabase, Task> test) => test(postgres.Database);
}
