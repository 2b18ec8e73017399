package teleinfo.server;

/** What a request changed: readings newly stored, and readings that were already there (or repeated in it). */
public record StoreResult(int stored, int duplicates) {
}
