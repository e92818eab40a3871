package dev.nonstop.app.internal;

import dev.nonstop.app.AppSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code nonstop.apps.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AppSettings.class)
class AppConfiguration {
}
