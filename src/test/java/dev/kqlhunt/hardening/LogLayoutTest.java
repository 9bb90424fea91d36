package dev.kqlhunt.hardening;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The log layouts in conf/ print control characters from logged values as "?". */
class LogLayoutTest {

    @ParameterizedTest
    @ValueSource(strings = {"log4j-cli.properties", "log4j2.properties"})
    void layoutNeutralisesControlCharacters(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("conf", file))) {
            properties.load(reader);
        }
        String pattern =
                properties.stringPropertyNames().stream()
                        .filter(name -> name.endsWith(".layout.pattern"))
                        .map(properties::getProperty)
                        .findFirst()
                        .orElseThrow();
        PatternLayout layout =
                PatternLayout.newBuilder()
                        .withPattern(pattern)
                        .withConfiguration(new DefaultConfiguration())
                        .build();
        LogEvent event =
                Log4jLogEvent.newBuilder()
                        .setLoggerName("dev.kqlhunt.test")
                        .setLevel(Level.INFO)
                        .setMessage(
                                new SimpleMessage(
                                        "rule Silk \u001b[31mRED\u001b]0;title\u0007 \u009b2J"
                                                + " tab\tend"))
                        .build();

        String line = layout.toSerializable(event);

        assertThat(line).contains("rule Silk ?[31mRED?]0;title? ?2J tab\tend");
        assertThat(line.chars().filter(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
                .isEmpty();
    }
}
