package dev.nonstop.build.internal;

import dev.nonstop.build.BuildSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code nonstop.build.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BuildSettings.class)
class BuildConfiguration {
}
