package dev.kqlhunt.kql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** KQL string semantics, run under a Turkish default locale to catch locale-dependent folding. */
class KqlStringsTest {

    private static Locale previous;

    @BeforeAll
    static void useTurkishLocale() {
        previous = Locale.getDefault();
        Locale.setDefault(new Locale("tr", "TR"));
    }

    @AfterAll
    static void restoreLocale() {
        Locale.setDefault(previous);
    }

    @Test
    void equalsIgnoreCaseIgnoresTurkishLocale() {
        assertThat(KqlStrings.equalsIgnoreCase("FILE", "file")).isTrue();
        assertThat(KqlStrings.equalsIgnoreCase("file", "FILE")).isTrue();
        assertThat(KqlStrings.equalsIgnoreCase("Error", "error")).isTrue();
        assertThat(KqlStrings.equalsIgnoreCase("error", "errors")).isFalse();
        assertThat(KqlStrings.equalsIgnoreCase(null, "")).isTrue();
        assertThat(KqlStrings.equalsIgnoreCase("ÉTÉ", "été")).isTrue();
    }

    @Test
    void lettersOutsideAsciiNeverMatchAsciiLetters() {
        assertThat(KqlStrings.equalsIgnoreCase("ı", "I")).isFalse();
        assertThat(KqlStrings.equalsIgnoreCase("ı", "i")).isFalse();
        assertThat(KqlStrings.equalsIgnoreCase("İ", "i")).isFalse();
        assertThat(KqlStrings.equalsIgnoreCase("ſ", "S")).isFalse();
        assertThat(KqlStrings.equalsIgnoreCase("\u212A", "k")).isFalse();
        assertThat(KqlStrings.containsIgnoreCase("MSExchange Unified Meſſaging", "messaging"))
                .isFalse();
        assertThat(KqlStrings.startsWithIgnoreCase("ıis", "II")).isFalse();
        assertThat(KqlStrings.equalsIgnoreCase("Ǆ", "ǆ")).isTrue();
        assertThat(KqlStrings.equalsIgnoreCase("ΣΊΣΥΦΟΣ", "σίσυφοσ")).isTrue();
    }

    @Test
    void containsIgnoreCaseMatchesAcrossLines() {
        assertThat(KqlStrings.containsIgnoreCase("a\r\nUMWorkerProcess\n", "umworkerprocess"))
                .isTrue();
        assertThat(KqlStrings.containsIgnoreCase("line one\nline two", "ONE\nLINE")).isTrue();
        assertThat(KqlStrings.containsIgnoreCase("SYSTEM.IO", "system.io")).isTrue();
        assertThat(KqlStrings.containsIgnoreCase("abc", "")).isTrue();
        assertThat(KqlStrings.containsIgnoreCase("", "a")).isFalse();
        assertThat(KqlStrings.containsIgnoreCase(null, "a")).isFalse();
        assertThat(KqlStrings.containsIgnoreCase("100%_done", "%_")).isTrue();
        assertThat(KqlStrings.containsIgnoreCase("100 done", "%")).isFalse();
    }

    @Test
    void containsCaseSensitive() {
        assertThat(KqlStrings.contains("UMWorker", "UMW")).isTrue();
        assertThat(KqlStrings.contains("UMWorker", "umw")).isFalse();
    }

    @Test
    void startsAndEndsWith() {
        assertThat(KqlStrings.startsWithIgnoreCase("MSExchange UM", "msexchange")).isTrue();
        assertThat(KqlStrings.startsWithIgnoreCase(" MSExchange", "msexchange")).isFalse();
        assertThat(KqlStrings.startsWithIgnoreCase("MS", "MSExchange")).isFalse();
        assertThat(KqlStrings.startsWith("MSExchange", "msexchange")).isFalse();
        assertThat(KqlStrings.endsWithIgnoreCase("Contoso.COM", ".com")).isTrue();
        assertThat(KqlStrings.endsWithIgnoreCase("m", ".com")).isFalse();
        assertThat(KqlStrings.endsWith("Contoso.COM", ".com")).isFalse();
    }

    @Test
    void toLowerAndToUpperIgnoreTurkishLocale() {
        assertThat(KqlStrings.toLower("FILE")).isEqualTo("file");
        assertThat(KqlStrings.toUpper("file")).isEqualTo("FILE");
        assertThat(KqlStrings.toUpper(null)).isEqualTo("");
    }

    @Test
    void strlenCountsCodePoints() {
        assertThat(KqlStrings.strlen("hello")).isEqualTo(5);
        assertThat(KqlStrings.strlen("\uD835\uDD3Cx")).isEqualTo(2);
        assertThat(KqlStrings.strlen("")).isEqualTo(0);
    }

    @Test
    void indexOfIsZeroBasedInCodePoints() {
        assertThat(KqlStrings.indexOf("abcdefg", "cde", 0)).isEqualTo(2);
        assertThat(KqlStrings.indexOf("abcdefg", "xyz", 0)).isEqualTo(-1);
        assertThat(KqlStrings.indexOf("abcabc", "b", 2)).isEqualTo(4);
        assertThat(KqlStrings.indexOf("abc", "", 0)).isEqualTo(0);
        assertThat(KqlStrings.indexOf("abc", "a", 4)).isEqualTo(-1);
        assertThat(KqlStrings.indexOf("\uD835\uDD3Cx.y", ".", 0)).isEqualTo(2);
        assertThat(KqlStrings.indexOf(null, ".", 0)).isEqualTo(-1);
    }

    @Test
    void substringClampsLikeKql() {
        assertThat(KqlStrings.substring("123456", 1L, null)).isEqualTo("23456");
        assertThat(KqlStrings.substring("123456", 2L, 2L)).isEqualTo("34");
        assertThat(KqlStrings.substring("ABCD", 0L, 2L)).isEqualTo("AB");
        assertThat(KqlStrings.substring("123456", -2L, 2L)).isEqualTo("56");
        assertThat(KqlStrings.substring("abc", 3L, null)).isEqualTo("");
        assertThat(KqlStrings.substring("abc", 10L, 2L)).isEqualTo("");
        assertThat(KqlStrings.substring("abc", 1L, 10L)).isEqualTo("bc");
        assertThat(KqlStrings.substring("abc", -10L, null)).isEqualTo("abc");
        assertThat(KqlStrings.substring("abc", 1L, -1L)).isEqualTo("");
        assertThat(KqlStrings.substring("abc", null, null)).isEqualTo("");
        assertThat(KqlStrings.substring("\uD835\uDD3Cxy", 1L, null)).isEqualTo("xy");
    }

    @Test
    void splitPartCountsFromEitherEnd() {
        assertThat(KqlStrings.splitPart("a.b.c", ".", 0)).isEqualTo("a");
        assertThat(KqlStrings.splitPart("a.b.c", ".", 2)).isEqualTo("c");
        assertThat(KqlStrings.splitPart("a.b.c", ".", 3)).isEqualTo("");
        assertThat(KqlStrings.splitPart("a.b.c", ".", -1)).isEqualTo("c");
        assertThat(KqlStrings.splitPart("a.b.c", ".", -3)).isEqualTo("a");
        assertThat(KqlStrings.splitPart("a.b.c", ".", -4)).isEqualTo("");
        assertThat(KqlStrings.splitPart("", ".", 0)).isEqualTo("");
        assertThat(KqlStrings.splitPart("a..b", ".", 1)).isEqualTo("");
        assertThat(KqlStrings.splitPart("aabbcc", "bb", 1)).isEqualTo("cc");
        assertThat(KqlStrings.splitPart("a.", ".", 1)).isEqualTo("");
    }

    @Test
    void trimLiteralRemovesRepeatedPattern() {
        assertThat(KqlStrings.trimLiteral("--",
                "--https://bing.com--")).isEqualTo("https://bing.com");
        assertThat(KqlStrings.trimLiteral("-", "---x---")).isEqualTo("x");
        assertThat(KqlStrings.trimLiteral("ab", "ababab")).isEqualTo("");
        assertThat(KqlStrings.trimLiteral("", "x")).isEqualTo("x");
    }

    @Test
    void parseIntAcceptsOnlyDecimalIntegers() {
        assertThat(KqlStrings.parseInt("42")).isEqualTo(42);
        assertThat(KqlStrings.parseInt("-7")).isEqualTo(-7);
        assertThat(KqlStrings.parseInt("4.2")).isNull();
        assertThat(KqlStrings.parseInt("")).isNull();
        assertThat(KqlStrings.parseInt("2147483648")).isNull();
        assertThat(KqlStrings.parseLong("2147483648")).isEqualTo(2147483648L);
    }
}
