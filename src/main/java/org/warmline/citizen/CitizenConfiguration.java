package org.warmline.citizen;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link CitizenSettings}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CitizenSettings.class)
class CitizenConfiguration {
}
