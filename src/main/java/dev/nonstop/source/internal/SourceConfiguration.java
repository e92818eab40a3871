package dev.nonstop.source.internal;

import dev.nonstop.source.HostResolver;
import dev.nonstop.source.RefResolver;
import dev.nonstop.source.SourceFetcher;
import dev.nonstop.source.SourcePolicy;
import dev.nonstop.source.SourceSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The source policy (DNS lookups), ref resolver and fetcher, from {@code nonstop.source.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SourceSettings.class)
class SourceConfiguration {

    @Bean
    SourcePolicy sourcePolicy(SourceSettings settings) {
        return new SourcePolicy(settings, HostResolver.DNS);
    }

    @Bean
    RefResolver refResolver(SourcePolicy policy, SourceSettings settings) {
        return new RefResolver(policy, settings);
    }

    @Bean
    SourceFetcher sourceFetcher(SourceSettings settings, SourcePolicy policy) {
        return new SourceFetcher(settings, policy);
    }
}
