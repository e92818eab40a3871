package dev.nonstop;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The Nonstop portal. */
@SpringBootApplication
public class NonstopApplication {

    public static void main(String[] args) {
        SpringApplication.run(NonstopApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
