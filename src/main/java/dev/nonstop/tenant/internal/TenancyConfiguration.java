package dev.nonstop.tenant.internal;

import dev.nonstop.tenant.TenancySettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code nonstop.tenancy.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TenancySettings.class)
class TenancyConfiguration {
}
