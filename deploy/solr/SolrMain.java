import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Starts a real Apache Solr 9 HTTP server (Jetty) for the portal: {@code java -cp 'lib/*' SolrMain.java
 * SOLR_HOME PORT}. Solr is served at http://127.0.0.1:PORT/solr with the cores found under SOLR_HOME.
 * Runs until killed; the JVM shutdown hook stops Jetty cleanly.
 */
public class SolrMain {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SolrMain SOLR_HOME PORT");
            System.exit(2);
        }
        Path solrHome = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        System.setProperty("solr.solr.home", solrHome.toString());
        System.setProperty("jetty.host", "127.0.0.1");
        System.setProperty("host", "127.0.0.1");

        JettyConfig config = JettyConfig.builder()
                .setPort(port)
                .setContext("/solr")
                .stopAtShutdown(true)
                .build();
        JettySolrRunner runner = new JettySolrRunner(solrHome.toString(), new Properties(), config);
        runner.start();
        System.out.println("Solr started on http://127.0.0.1:" + port + "/solr (home " + solrHome + ")");
        new CountDownLatch(1).await();
    }
}
