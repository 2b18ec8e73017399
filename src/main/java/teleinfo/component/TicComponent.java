package teleinfo.component;

import java.util.List;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.util.TimeUtils;

/** {@code tic:<port>?mode=auto|historic|standard}: decoded Téléinformation frames from a meter. */
public class TicComponent extends DefaultComponent {
    private static final List<String> DURATIONS =
            List.of("autoSwitchAfter", "reopenDelay", "maxReopenDelay", "noFrameTimeout");

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        TicEndpoint endpoint = new TicEndpoint(uri, this, remaining);
        // durations may be written 500, 500ms, 10s, 5m: plain reflection binding only takes the number
        for (String key : DURATIONS) {
            if (parameters.get(key) instanceof String text) {
                parameters.put(key, TimeUtils.toMilliSeconds(text));
            }
        }
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }
}
