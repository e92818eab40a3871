package dev.nonstop.app;

import dev.nonstop.common.ReplicaSize;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What users configure on an app besides replicas: the size of each replica, autoscaling (the most
 * replicas the HPA may reach), plain environment variables, and secret ones. Secret values go in and
 * never come out: {@link #secretNames} lists them, and a null value in {@link #secrets} keeps the
 * stored one.
 */
public record AppConfig(ReplicaSize size, boolean autoscaling, int autoscaleMax, Map<String, String> env,
                        Map<String, @Nullable String> secrets, List<String> secretNames) {

    public static final int MAX_VARIABLES = 50;
    public static final int MAX_VALUE = 4096;
}
