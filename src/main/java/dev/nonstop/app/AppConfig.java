package dev.nonstop.app;

import dev.nonstop.common.ReplicaSize;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What users configure on an app besides replicas: the size of each replica, autoscaling (the most
 * replicas the HPA may reach), plain environment variables, and secret ones. Secret values go in and
 * never come out: {@link #secretNames} lists them, and a null value in {@link #secrets} keeps the
 * stored one. The port the app listens on and its health path start as detected in the source and
 * can be corrected here (null keeps the current ones).
 */
public record AppConfig(ReplicaSize size, boolean autoscaling, int autoscaleMax, Map<String, String> env,
                        Map<String, @Nullable String> secrets, List<String> secretNames, @Nullable Integer port,
                        @Nullable String healthPath) {

    public static final int MAX_VARIABLES = 50;

    /** Keeps the port and health path. */
    public AppConfig(ReplicaSize size, boolean autoscaling, int autoscaleMax, Map<String, String> env,
                     Map<String, @Nullable String> secrets, List<String> secretNames) {
        this(size, autoscaling, autoscaleMax, env, secrets, secretNames, null, null);
    }
}
