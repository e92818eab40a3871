package dev.nonstop.app.internal;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Writes an app's variables into a release and restores them from one. Secret values are copied
 * sealed, as stored: a snapshot never holds a secret in the clear.
 */
@Component
public class EnvSnapshot {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final AppEnvRepository env;

    EnvSnapshot(AppEnvRepository env) {
        this.env = env;
    }

    public String take(long appId) {
        ArrayNode all = JSON.createArrayNode();
        for (AppEnvEntity e : env.findByAppIdOrderByNameAsc(appId)) {
            all.addObject().put("name", e.name()).put("value", e.valueText()).put("secret", e.secret());
        }
        return all.toString();
    }

    /** Replaces the app's variables with those of a snapshot (nothing happens for a release without one). */
    public void restore(long appId, String snapshot) {
        List<AppEnvEntity> rows = new ArrayList<>();
        for (JsonNode node : JSON.readTree(snapshot)) {
            rows.add(new AppEnvEntity(appId, node.path("name").asString(), node.path("value").asString(),
                    node.path("secret").asBoolean()));
        }
        env.deleteByAppId(appId);
        env.flush();
        env.saveAll(rows);
    }
}
