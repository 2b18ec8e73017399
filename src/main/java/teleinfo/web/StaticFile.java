package teleinfo.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A file of the page, read once from the classpath under {@code web/}. */
public record StaticFile(String path, String contentType, String cacheControl, byte[] content) {

    /** The page files, each served at its own path (no request path is ever resolved against a folder). */
    public static final String[][] PAGE = {
        // served path, classpath resource under web/, content type, cache control
        {"/", "index.html", "text/html; charset=utf-8", "no-cache"},
        {"/index.html", "index.html", "text/html; charset=utf-8", "no-cache"},
        {"/app.js", "app.js", "text/javascript; charset=utf-8", "no-cache"},
        {"/app.css", "app.css", "text/css; charset=utf-8", "no-cache"},
        {"/vendor/highcharts/highcharts.js", "vendor/highcharts/highcharts.js", "text/javascript; charset=utf-8",
            "max-age=86400"},
        {"/vendor/highcharts/highcharts-more.js", "vendor/highcharts/highcharts-more.js",
            "text/javascript; charset=utf-8", "max-age=86400"},
        {"/vendor/highcharts/modules/stock.js", "vendor/highcharts/modules/stock.js", "text/javascript; charset=utf-8",
            "max-age=86400"},
    };

    public static StaticFile load(String path, String resource, String contentType, String cacheControl) {
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
