package teleinfo.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The collectors' bearer tokens. Only their SHA-256 digests are kept; a presented token is hashed and compared with
 * every digest with {@link MessageDigest#isEqual} (constant time, fixed length), without stopping at a match, so the
 * time taken says nothing about which token or how much of it matched. Tokens are never logged.
 */
public final class TokenCheck {
    private static final String BEARER = "Bearer ";
    private final List<byte[]> digests;

    private TokenCheck(List<byte[]> digests) {
        this.digests = digests;
    }

    /** Comma-separated tokens (blanks around them ignored); at least one. */
    public static TokenCheck of(String commaSeparated) {
        List<byte[]> digests = new ArrayList<>();
        if (commaSeparated != null) {
            for (String token : commaSeparated.split(",")) {
                if (!token.isBlank()) {
                    digests.add(sha256(token.strip()));
                }
            }
        }
        if (digests.isEmpty()) {
            throw new IllegalArgumentException("no token");
        }
        return new TokenCheck(List.copyOf(digests));
    }

    /** True when the Authorization header value is {@code Bearer <one of the tokens>}. */
    public boolean accepts(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] presented = sha256(authorization.substring(BEARER.length()).strip());
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, presented);
        }
        return match;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "TokenCheck[" + digests.size() + " tokens]";
    }
}
