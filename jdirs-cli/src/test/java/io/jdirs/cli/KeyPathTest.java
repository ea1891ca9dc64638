package io.jdirs.cli;

import io.jdirs.Type;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Paths on the command line: keys decoded like file names (FORMAT.md section 3.2), and back. */
class KeyPathTest {
    @Test
    void keysAreDecodedLikeFileNames() {
        assertThat(KeyPath.parse("/users/a%2Fb/").keys()).containsExactly("users", "a/b");
        assertThat(KeyPath.decode("a%2fb")).isEqualTo("a/b");
        assertThat(KeyPath.decode("%E6%97%A5%e6%9c%ac")).isEqualTo("日本");
        assertThat(KeyPath.decode("100%25")).isEqualTo("100%");
        assertThat(KeyPath.decode("100%")).isEqualTo("100%");
        assertThat(KeyPath.decode("a%2")).isEqualTo("a%2");
        assertThat(KeyPath.decode("%zz")).isEqualTo("%zz");
        assertThat(KeyPath.decode("%FF")).isEqualTo("%FF");
        assertThat(KeyPath.parse("").isRoot()).isTrue();
        assertThat(KeyPath.parse("/").isRoot()).isTrue();
        assertThatThrownBy(() -> KeyPath.parse("a//b")).isInstanceOf(Failure.class).hasMessage("a//b: empty key between two slashes");
    }

    @Test
    void encodingIsTheInverseOfDecoding() {
        for (String key : List.of("plain", "a/b", "100%", "%2F", "日本", "a%b/c%%")) {
            assertThat(KeyPath.decode(KeyPath.encode(key))).isEqualTo(key);
        }
        assertThat(KeyPath.join(List.of("sites", "a/b", "100%"))).isEqualTo("sites/a%2Fb/100%25");
    }

    @Test
    void aTypeSuffixNamesTheType() {
        assertThat(KeyPath.Suffixed.of("age.int")).isEqualTo(new KeyPath.Suffixed("age", Type.INT));
        assertThat(KeyPath.Suffixed.of("example.com")).isEqualTo(new KeyPath.Suffixed("example.com", null));
        assertThat(KeyPath.Suffixed.of(".int")).isEqualTo(new KeyPath.Suffixed(".int", null));
        assertThat(KeyPath.Suffixed.of("version.int.str")).isEqualTo(new KeyPath.Suffixed("version.int", Type.STRING));
        assertThat(KeyPath.Suffixed.name("version.int", Type.STRING)).isEqualTo("version.int.str");
        assertThat(KeyPath.Suffixed.name("name", Type.STRING)).isEqualTo("name");
        assertThat(KeyPath.Suffixed.name("photo", Type.BYTES)).isEqualTo("photo.bin");
    }
}
