package dev.nonstop.uikit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every text the portal shows exists in English and in Korean, and every key the code asks for exists. */
class TranslationsTest {

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (var in = TranslationsTest.class.getResourceAsStream("/vaadin-i18n/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void korean_and_english_have_the_same_keys() throws IOException {
        assertThat(new TreeSet<>(load("translations_ko.properties").stringPropertyNames()))
                .isEqualTo(new TreeSet<>(load("translations_en.properties").stringPropertyNames()));
        assertThat(load("translations.properties")).isEqualTo(load("translations_en.properties"));
    }

    @Test
    void every_key_named_in_the_code_has_a_text() throws IOException {
        Set<String> known = load("translations_en.properties").stringPropertyNames();
        Pattern literal = Pattern.compile("(?:getTranslation|UserError|Problem|EmptyPage|NotFound|Message\\.of|SourceRefused)\\(\"([a-z][\\w.-]+)\"");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path file : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(file));
                while (m.find()) {
                    String key = m.group(1);
                    if (key.contains(".") && !key.endsWith(".") && !known.contains(key)) {
                        missing.add(key + " (" + file.getFileName() + ")");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** The audit trail shows every action the code records in words (AuditView), in both languages. */
    @Test
    void every_audited_action_has_words() throws IOException {
        Set<String> known = load("translations_en.properties").stringPropertyNames();
        Pattern action = Pattern.compile("(?:record|recordAs)\\([^;]*?\"([a-z][a-z-]*\\.[a-z.-]+)\"");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path file : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = action.matcher(Files.readString(file));
                while (m.find()) {
                    if (!known.contains("audit.action." + m.group(1))) {
                        missing.add(m.group(1) + " (" + file.getFileName() + ")");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** MessageFormat reads a lone apostrophe as a quote and would print "{0}" instead of the value. */
    @Test
    void texts_with_arguments_render_their_arguments() throws IOException {
        for (String bundle : new String[] {"translations_en.properties", "translations_ko.properties"}) {
            Properties texts = load(bundle);
            for (String key : texts.stringPropertyNames()) {
                String text = texts.getProperty(key);
                if (!text.matches("(?s).*\\{\\d}.*")) {
                    continue;
                }
                String rendered;
                try {
                    rendered = new java.text.MessageFormat(text).format(new Object[] {"A1", "A2", "A3", "A4", "A5",
                        "A6"});
                } catch (IllegalArgumentException numbers) {
                    // a text that chooses its words by a count ({0,choice,…}) takes numbers
                    rendered = new java.text.MessageFormat(text).format(new Object[] {2, 3, 4, 5, 6, 7});
                }
                assertThat(rendered).as(bundle + " " + key).doesNotContainPattern("\\{\\d}");
            }
        }
    }

    /** English counts choose singular or plural words instead of "value(s)". */
    @Test
    void english_counts_say_one_or_many() throws IOException {
        Properties en = load("translations_en.properties");
        assertThat(en.stringPropertyNames()).allSatisfy(key -> assertThat(en.getProperty(key)).as(key)
                .doesNotContain("(s)"));
        String limit = en.getProperty("build.limit.concurrent");
        assertThat(new java.text.MessageFormat(limit).format(new Object[] {1})).startsWith("Your tier runs one build at");
        assertThat(new java.text.MessageFormat(limit).format(new Object[] {3})).startsWith("Your tier runs 3 builds at");
        String deleted = en.getProperty("tenant.deleted");
        assertThat(new java.text.MessageFormat(deleted).format(new Object[] {"acme", "t-acme", 5, "…", 1, 0}))
                .endsWith("one account, no invitations.");
    }
}
