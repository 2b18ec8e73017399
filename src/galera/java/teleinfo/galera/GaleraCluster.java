package teleinfo.galera;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB Galera cluster of real processes on loopback, for the cluster test and the cluster benchmark: Debian's
 * {@code mariadbd} with the {@code galera-4} provider, each node on free ports with its own data directory under the
 * given folder (never the machine's own MariaDB). Run as root, the nodes run as the {@code mysql} user (the rsync
 * state transfer refuses root). The first node bootstraps the cluster; the others join it by a full state transfer
 * (rsync), and a node restarted after a kill catches up by an incremental one.
 */
public final class GaleraCluster implements AutoCloseable {
    private static final String MARIADBD = "/usr/sbin/mariadbd";
    private static final String INSTALL_DB = "/usr/bin/mariadb-install-db";
    private static final String PROVIDER = "/usr/lib/galera/libgalera_smm.so";

    private final Path dir;
    private final List<Node> nodes = new ArrayList<>();
    private final boolean root = "root".equals(System.getProperty("user.name"));

    /** One node: its client port, its group port (+1 incremental transfer, +2 full transfer), its process. */
    private final class Node {
        final int index;
        final int port = freePort();
        final int groupPort = freePortBlock();
        Process process;

        Node(int index) {
            this.index = index;
        }

        Path dataDir() {
            return dir.resolve("node" + index);
        }
    }

    private final boolean replicated;

    /** A cluster of size nodes. */
    public GaleraCluster(Path dir, int size) {
        this(dir, size, true);
    }

    private GaleraCluster(Path dir, int size, boolean replicated) {
        this.replicated = replicated;
        this.dir = dir.toAbsolutePath();
        for (int i = 1; i <= size; i++) {
            nodes.add(new Node(i));
        }
    }

    /** Makes the data directories and starts every node; returns when all are synced members of one cluster. */
    public GaleraCluster start() throws Exception {
        // temporary files of their own: the machine's /tmp is shared with other programs that clean it
        Files.createDirectories(dir.resolve("tmp"));
        Path seed = dir.resolve("seed");
        List<String> install = new ArrayList<>(List.of(INSTALL_DB, "--no-defaults", "--datadir=" + seed,
                "--auth-root-authentication-method=normal", "--skip-test-db", "--innodb-log-file-size=8M",
                "--innodb-buffer-pool-size=16M", "--tmpdir=" + dir.resolve("tmp")));
        if (root) {
            chownToMysql(dir);
            install.add("--user=mysql");
        }
        run(install, dir.resolve("install.log"));
        for (Node n : nodes) {
            copy(seed, n.dataDir());
        }
        if (root) {
            chownToMysql(dir);
        }
        startNode(nodes.get(0), true);
        awaitReady(1);
        for (Node n : nodes.subList(1, nodes.size())) {
            startNode(n, false);
        }
        for (Node n : nodes) {
            awaitReady(n.index);
        }
        if (replicated) {
            awaitClusterSize(nodes.size());
        }
        return this;
    }

    /** One plain MariaDB server with the same settings and no replication: what the cluster is compared with. */
    public static GaleraCluster standalone(Path dir) {
        return new GaleraCluster(dir, 1, false);
    }

    public int size() {
        return nodes.size();
    }

    /** The client port of node i (1-based). */
    public int port(int i) {
        return nodes.get(i - 1).port;
    }

    /** A JDBC URL to database on node i alone. */
    public String url(int i, String database) {
        return "jdbc:mysql://127.0.0.1:" + port(i) + "/" + database + "?user=root";
    }

    /** A multi-host JDBC URL to database: node i first, then the others in order. */
    public String failoverUrl(int first, String database) {
        StringBuilder hosts = new StringBuilder("127.0.0.1:" + port(first));
        for (Node n : nodes) {
            if (n.index != first) {
                hosts.append(",127.0.0.1:").append(n.port);
            }
        }
        return "jdbc:mysql://" + hosts + "/" + database + "?user=root";
    }

    /** SIGKILL: the node dies as on a power cut, without telling the cluster. */
    public void kill(int i) throws InterruptedException {
        Node n = nodes.get(i - 1);
        n.process.destroyForcibly();
        n.process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts a killed node again: it rejoins the cluster and catches up (incremental state transfer). */
    public void restart(int i) throws Exception {
        startNode(nodes.get(i - 1), false);
    }

    /** Waits until node i accepts queries as a synced member of the primary component. */
    public void awaitReady(int i) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Node n = nodes.get(i - 1);
        while (System.nanoTime() < deadline) {
            if (!n.process.isAlive()) {
                throw new IllegalStateException("galera node " + i + " exited: " + tail(n));
            }
            try (Connection c = DriverManager.getConnection(url(i, "") + "&connectTimeout=1000");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'wsrep_local_state_comment'")) {
                if (!replicated || rs.next() && "Synced".equals(rs.getString(2))) {
                    return;
                }
            } catch (SQLException notYet) {
                // starting, or receiving its state
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("galera node " + i + " not synced within 120 s: " + tail(n));
    }

    /** Waits until node 1... reports the given cluster size (a killed node has been evicted, or one has joined). */
    public void awaitClusterSize(int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (Node n : nodes) {
                if (n.process.isAlive() && clusterSize(n.index) == expected) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("cluster size not " + expected + " within 60 s");
    }

    private int clusterSize(int i) {
        try (Connection c = DriverManager.getConnection(url(i, "") + "&connectTimeout=1000");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'wsrep_cluster_size'")) {
            return rs.next() ? rs.getInt(2) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    private void startNode(Node n, boolean bootstrap) throws IOException {
        StringBuilder members = new StringBuilder();
        for (Node m : nodes) {
            members.append(members.length() == 0 ? "" : ",").append("127.0.0.1:").append(m.groupPort);
        }
        List<String> command = new ArrayList<>(List.of(MARIADBD, "--no-defaults",
                "--datadir=" + n.dataDir(), "--socket=" + dir.resolve("node" + n.index + ".sock"),
                "--pid-file=" + dir.resolve("node" + n.index + ".pid"),
                "--log-error=" + dir.resolve("node" + n.index + ".err"),
                "--tmpdir=" + dir.resolve("tmp"), "--port=" + n.port, "--bind-address=127.0.0.1", "--skip-name-resolve",
                "--innodb-log-file-size=8M", "--innodb-buffer-pool-size=64M", "--innodb-flush-log-at-trx-commit=2",
                "--max-connections=200",
                "--binlog-format=ROW", "--innodb-autoinc-lock-mode=2"));
        if (replicated) {
            command.addAll(List.of("--wsrep-on=ON", "--wsrep-provider=" + PROVIDER,
                    "--wsrep-cluster-name=teleinfo-test", "--wsrep-node-name=node" + n.index,
                    "--wsrep-node-address=127.0.0.1:" + n.groupPort, "--wsrep-cluster-address=gcomm://" + members,
                    // a dead node is evicted after 2-4 s instead of 5-15 s: the cluster stalls its commits meanwhile
                    "--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:" + n.groupPort
                            + ";ist.recv_addr=127.0.0.1:" + (n.groupPort + 1) + ";gcache.size=64M"
                            + ";evs.keepalive_period=PT0.5S;evs.suspect_timeout=PT2S;evs.inactive_timeout=PT4S"
                            + ";evs.install_timeout=PT4S",
                    "--wsrep-sst-method=rsync", "--wsrep-sst-receive-address=127.0.0.1:" + (n.groupPort + 2)));
        }
        if (bootstrap && replicated) {
            command.add("--wsrep-new-cluster");
        }
        if (root) {
            command.add("--user=mysql");
        }
        n.process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node" + n.index + ".out").toFile()))
                .start();
    }

    private String tail(Node n) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("node" + n.index + ".err"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no error log)";
        }
    }

    /** Stops every node (SIGTERM, then SIGKILL) and deletes the data directories. */
    @Override
    public void close() throws Exception {
        for (Node n : nodes) {
            if (n.process != null && n.process.isAlive()) {
                n.process.destroy();
            }
        }
        for (Node n : nodes) {
            if (n.process != null && !n.process.waitFor(20, TimeUnit.SECONDS)) {
                n.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(List<String> command, Path log) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " failed: " + Files.readString(log));
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        run(List.of("cp", "-a", from.toString(), to.toString()), to.resolveSibling(to.getFileName() + ".cp.log"));
    }

    private static void chownToMysql(Path path) throws Exception {
        run(List.of("chown", "-R", "mysql:mysql", path.toString()), Path.of("/dev/null"));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port p such that p, p+1 and p+2 are free (group communication, incremental and full state transfer). */
    private static int freePortBlock() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int p = freePort();
            if (p + 2 < 65536 && free(p + 1) && free(p + 2)) {
                return p;
            }
        }
        throw new IllegalStateException("no block of three free ports");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
