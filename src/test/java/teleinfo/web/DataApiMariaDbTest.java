package teleinfo.web;

import teleinfo.testsupport.TestDatabases;

class DataApiMariaDbTest extends DataApiContract {
    @Override
    String jdbcUrl() {
        return TestDatabases.newMariaDbDatabase();
    }
}
