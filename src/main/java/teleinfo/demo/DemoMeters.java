package teleinfo.demo;

import java.util.List;

import javax.sql.DataSource;

/** The demo's meters that no collector route reads (a historic Tempo meter, a three-phase producer). */
public final class DemoMeters {
    private final List<DemoHistory> meters;
    private boolean prepared;

    DemoMeters(List<DemoHistory> meters) {
        this.meters = List.copyOf(meters);
    }

    /**
     * Stores every minute since the last call for each meter; the number of readings stored. The first call makes
     * their history (after the demo has started: the page shows the main meter meanwhile).
     */
    public synchronized int topUp(DataSource database) {
        if (!prepared) {
            meters.forEach(m -> m.prepare(database));
            prepared = true;
        }
        int stored = 0;
        for (DemoHistory m : meters) {
            stored += m.topUp(database);
        }
        return stored;
    }
}
