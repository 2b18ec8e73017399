package teleinfo.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Who may read the page and the API: everyone (the default), or only requests with {@code Authorization: Bearer
 * <token>} and/or HTTP basic auth with the configured user and password (the browser asks for them).
 */
public final class ReadAccess {
    private final byte[] bearer;
    private final byte[] basic;

    /** Blank values switch that method off; all blank means open access. */
    public ReadAccess(String token, String user, String password) {
        this.bearer = token == null || token.isBlank() ? null : ("Bearer " + token.strip()).getBytes(StandardCharsets.UTF_8);
        boolean basicOn = user != null && !user.isBlank();
        String credentials = basicOn ? user.strip() + ":" + (password == null ? "" : password) : null;
        this.basic = basicOn ? ("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8) : null;
    }

    public boolean open() {
        return bearer == null && basic == null;
    }

    public boolean basicAuth() {
        return basic != null;
    }

    public boolean allows(String authorization) {
        if (open()) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        byte[] given = authorization.strip().getBytes(StandardCharsets.UTF_8);
        // both compared, in constant time, so the answer time does not tell which one nearly matched
        boolean bearerMatches = bearer != null && MessageDigest.isEqual(bearer, given);
        boolean basicMatches = basic != null && MessageDigest.isEqual(basic, given);
        return bearerMatches || basicMatches;
    }
}
