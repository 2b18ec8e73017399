package routes.collector;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import teleinfo.ops.AppMetrics;
import org.apache.camel.component.http.HttpComponent;

import teleinfo.collector.CollectorBeans;
import teleinfo.collector.CollectorSettings;
import teleinfo.collector.RetryBackoff;
import teleinfo.collector.SpoolUploader;
import teleinfo.collector.UploadHttpComponent;

/**
 * Drains the spool, oldest first, in batches POSTed as a JSON array. The spool is listed by a timer rather than
 * consumed with {@code file:}, because a batch is many files and each one may only be deleted once the server has
 * answered 2xx; nothing here deletes a file on an error.
 */
public class UploadRoute extends RouteBuilder {

    @Override
    public void configure() {
        CollectorSettings settings = CollectorSettings.from(getContext());
        if (!settings.http()) {
            return; // MQTT only: no server to upload to
        }
        // the component of the URL's scheme (http, or https for TLS), without cookies, and without TLS for http;
        // plain http only to a private address unless allowed
        String scheme = settings.serverUrl().getScheme();
        if (getContext().hasComponent(scheme) == null) {
            getContext().addComponent(scheme, new UploadHttpComponent("https".equalsIgnoreCase(scheme),
                    settings.allowInsecureHttp()));
        }
        HttpComponent http = getContext().getComponent(scheme, HttpComponent.class);
        http.setConnectTimeout(settings.connectTimeout().toMillis());
        http.setConnectionRequestTimeout(settings.connectTimeout().toMillis());
        http.setResponseTimeout(settings.responseTimeout().toMillis());
        http.setSoTimeout(settings.responseTimeout().toMillis());
        // retries are ours (SpoolUploader's back-off): the client's own would hold the route on a 503
        http.setAutomaticRetriesDisabled(true);
        // a redirect must not carry the bearer token to another host
        http.setRedirectHandlingDisabled(true);
        SpoolUploader uploader = new SpoolUploader(CollectorBeans.spool(getContext(), settings),
                settings.batchSize(), new RetryBackoff(settings.retryInitial(), settings.retryMax(), Clock.systemUTC()),
                AppMetrics.counter(getContext(), "teleinfo.readings.uploaded", "readings the server answered 2xx for"),
                AppMetrics.counter(getContext(), "teleinfo.readings.rejected", "readings the server refused (4xx)"));
        String bearer = "Bearer " + settings.token();

        from("timer:spool-upload?period={{collector.upload.interval}}&delay=1000")
            .routeId("spool-upload")
            .startupOrder(20)
            .process(uploader::nextBatch)
            .loopDoWhile(exchangeProperty(SpoolUploader.HAS_BATCH))
                .to("direct:post-readings")
                .process(uploader::nextBatch)
            .end();

        from("direct:post-readings")
            .routeId("post-readings")
            .removeHeaders("*")
            .setHeader(Exchange.HTTP_METHOD, constant("POST"))
            .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
            .process(e -> e.getMessage().setHeader("Authorization", bearer))
            .doTry()
                .to("{{collector.server.url}}?throwExceptionOnFailure=false")
                .bean(uploader, "onResponse")
            .doCatch(Exception.class)
                .bean(uploader, "onFailure")
            .end()
            .removeHeader("Authorization")
            .filter(exchangeProperty(SpoolUploader.ONE_BY_ONE))
                .split(method(uploader, "oneByOne"))
                    .bean(uploader, "loadSingle")
                    .to("direct:post-readings");
    }
}
