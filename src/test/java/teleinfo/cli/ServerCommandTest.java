package teleinfo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import teleinfo.testsupport.FreePort;

/** Bad settings stop the server at start with one line naming the setting (App turns it into exit status 2). */
class ServerCommandTest {
    @Test
    void refusesToStartWithoutTokensOrWithABadNumberOrArgument() throws Exception {
        String port = String.valueOf(FreePort.find());
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            assertThatThrownBy(() -> ServerCommand.run(new String[0], Map.of("server.token", " , ", "http.port", port,
                    "db.url", teleinfo.testsupport.TestDatabases.newH2Database())))
                    .isInstanceOf(UsageException.class).hasMessageContaining("TELEINFO_TOKENS");
            assertThatThrownBy(() -> ServerCommand.run(new String[0], Map.of("server.token", "t", "http.port", port,
                    "server.maxBatch", "lots", "db.url", teleinfo.testsupport.TestDatabases.newH2Database())))
                    .isInstanceOf(UsageException.class).hasMessageContaining("server.maxBatch");
        });
        assertThatThrownBy(() -> ServerCommand.run(new String[] {"--port"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("--port");
        assertThat(ServerCommand.USAGE).contains("TELEINFO_TOKENS");
    }
}
