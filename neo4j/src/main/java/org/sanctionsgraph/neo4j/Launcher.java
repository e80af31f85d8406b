package org.sanctionsgraph.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs official Neo4j Community embedded, with the Bolt connector on, until the process is stopped.
 *
 * <p>Options (all {@code --name=value}):
 *
 * <ul>
 *   <li>{@code --home} folder for data, transaction logs and Neo4j's own logs (default {@code .neo4j})
 *   <li>{@code --bolt} Bolt listen address, host:port (default {@code 127.0.0.1:7687})
 *   <li>{@code --pagecache-mb} page cache size in MiB (default 512)
 *   <li>{@code --tx-memory-mb} memory cap of one transaction in MiB (default 128,
 *       {@code db.memory.transaction.max}), so a heavy query fails cleanly instead of exhausting the heap
 *   <li>{@code --tx-total-memory-mb} memory budget of all transactions together in MiB (default 512,
 *       {@code dbms.memory.transaction.total.max}); it must stay below the heap, since many transactions
 *       each under their own cap can still fill the heap together and leave Neo4j stuck in full GCs
 *   <li>{@code --password} when set, authentication is on and user {@code neo4j} gets this password;
 *       when absent, authentication is off
 * </ul>
 *
 * <p>The JVM heap is set by the caller ({@code -Xmx}). Prints {@code READY bolt://host:port} once the
 * default database is available, so the caller can wait on it as well as on the port.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    Path home = Path.of(options.getOrDefault("home", ".neo4j")).toAbsolutePath();
    String[] hostPort = options.getOrDefault("bolt", "127.0.0.1:7687").split(":", 2);
    SocketAddress bolt = new SocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
    long pageCacheMb = Long.parseLong(options.getOrDefault("pagecache-mb", "512"));
    long txMemoryMb = Long.parseLong(options.getOrDefault("tx-memory-mb", "128"));
    long txTotalMemoryMb = Long.parseLong(options.getOrDefault("tx-total-memory-mb", "512"));
    String password = options.get("password");
    boolean auth = password != null && !password.isEmpty();

    Files.createDirectories(home);
    DatabaseManagementService service =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, bolt)
            .setConfig(BoltConnector.advertised_address, bolt)
            .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            // No HTTP API or browser: Bolt is the only way in, which keeps the attack surface small.
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheMb * 1024 * 1024)
            .setConfig(GraphDatabaseSettings.memory_transaction_max_size, txMemoryMb * 1024 * 1024)
            .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, txTotalMemoryMb * 1024 * 1024)
            .setConfig(GraphDatabaseSettings.auth_enabled, auth)
            .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.shutdown();
                  stopped.countDown();
                },
                "neo4j-shutdown"));

    if (auth) {
      GraphDatabaseService system = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
      system.executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    }
    GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    db.executeTransactionally("RETURN 1");
    System.out.println(
        "READY bolt://" + bolt.getHostname() + ":" + bolt.getPort() + " neo4j " + neo4jVersion());
    System.out.flush();
    stopped.await();
  }

  private static String neo4jVersion() {
    String version = GraphDatabaseSettings.class.getPackage().getImplementationVersion();
    return version == null ? "5.26" : version;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("expected --name=value, got: " + arg);
      }
      int eq = arg.indexOf('=');
      options.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return options;
  }
}
