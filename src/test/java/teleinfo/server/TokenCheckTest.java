package teleinfo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenCheckTest {
    @Test
    void acceptsEachConfiguredTokenAndNothingElse() {
        TokenCheck check = TokenCheck.of(" alpha-token , beta-token,,");
        assertThat(check.accepts("Bearer alpha-token")).isTrue();
        assertThat(check.accepts("bearer beta-token")).isTrue();
        assertThat(check.accepts("Bearer alpha-toke")).isFalse();
        assertThat(check.accepts("Bearer alpha-token,beta-token")).isFalse();
        assertThat(check.accepts("Basic alpha-token")).isFalse();
        assertThat(check.accepts("alpha-token")).isFalse();
        assertThat(check.accepts("Bearer ")).isFalse();
        assertThat(check.accepts(null)).isFalse();
        assertThat(check.toString()).doesNotContain("alpha");
    }

    @Test
    void needsAtLeastOneToken() {
        assertThatThrownBy(() -> TokenCheck.of(" , ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenCheck.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
