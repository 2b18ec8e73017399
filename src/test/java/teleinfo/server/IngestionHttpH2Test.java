package teleinfo.server;

import teleinfo.testsupport.TestDatabases;

/** The same HTTP tests on the embedded default's database (H2, MySQL mode). */
class IngestionHttpH2Test extends IngestionHttpTest {
    @Override
    String jdbcUrl() {
        return TestDatabases.newH2Database();
    }
}
