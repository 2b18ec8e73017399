package teleinfo.web;

import teleinfo.testsupport.TestDatabases;

class DataApiH2Test extends DataApiContract {
    @Override
    String jdbcUrl() {
        return TestDatabases.newH2Database();
    }
}
