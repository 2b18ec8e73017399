package teleinfo.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** A file of the page, read once from the classpath under {@code web/} and served at one exact path. */
public record StaticFile(String path, String contentType, String cacheControl, byte[] content) {
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JAVASCRIPT = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    /** The page's own files change with each version of the server: always revalidated. */
    private static final String REVALIDATE = "no-cache";
    private static final String ONE_DAY = "max-age=86400";

    /** Every file the page uses; nothing else is served. */
    public static List<StaticFile> page() {
        return List.of(
                load("/", "index.html", HTML, REVALIDATE),
                load("/index.html", "index.html", HTML, REVALIDATE),
                load("/app.js", "app.js", JAVASCRIPT, REVALIDATE),
                load("/app.css", "app.css", CSS, REVALIDATE),
                load("/vendor/highcharts/highcharts.js", "vendor/highcharts/highcharts.js", JAVASCRIPT, ONE_DAY),
                load("/vendor/highcharts/highcharts-more.js", "vendor/highcharts/highcharts-more.js", JAVASCRIPT,
                        ONE_DAY),
                load("/vendor/highcharts/modules/stock.js", "vendor/highcharts/modules/stock.js", JAVASCRIPT,
                        ONE_DAY));
    }

    private static StaticFile load(String path, String resource, String contentType, String cacheControl) {
        String name = "web/" + resource;
        try (InputStream in = StaticFile.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name + " on the classpath (built by mvn process-resources)");
            }
            return new StaticFile(path, contentType, cacheControl, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
