package io.jdirs.format;

import io.jdirs.Docs;
import io.jdirs.Type;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/FORMAT.md's example tables, checked against the code so that neither drifts. */
class FormatDocTest {
    private static final Pattern CODE = Pattern.compile("`((?:[^`\\\\]|\\\\.)+)`");

    @Test
    void everyKeyExampleEncodesAsTheDocumentSays() {
        List<String[]> rows = rows("key-examples");
        assertThat(rows).hasSizeGreaterThan(10);
        for (String[] row : rows) {
            String key = JsonMapper.builder().build().readValue(codes(row[0]).get(0), String.class);
            String name = codes(row[1]).get(0);
            assertThat(KeyCodec.encode(key)).as("name of %s", row[0]).isEqualTo(name);
            assertThat(KeyCodec.decode(name)).isEqualTo(key);
        }
    }

    @Test
    void everyValueExampleIsTheCanonicalTextOfItsType() {
        List<String[]> rows = rows("value-examples");
        assertThat(rows).hasSize(11);
        for (String[] row : rows) {
            Type type = Type.ofSuffix(row[0].trim().equals("bool") ? "bool" : row[0].trim());
            assertThat(type).as(row[0]).isNotNull();
            List<String> examples = codes(row[3]);
            assertThat(examples).isNotEmpty();
            for (String example : examples) {
                Object value = Codec.parse(type, example, "x");
                assertThat(Codec.text(type, value)).as("%s %s", row[0], example).isEqualTo(example);
            }
        }
    }

    /** The rows of the Markdown table between {@code <!-- name -->} and {@code <!-- /name -->}, header excluded. */
    private static List<String[]> rows(String name) {
        String doc = Docs.read("docs/FORMAT.md");
        String table = doc.substring(doc.indexOf("<!-- " + name + " -->"), doc.indexOf("<!-- /" + name + " -->"));
        List<String[]> rows = new ArrayList<>();
        for (String line : table.split("\n")) {
            if (line.startsWith("|") && !line.startsWith("|---") && !line.startsWith("| key |") && !line.startsWith("| type |")) {
                rows.add(line.substring(1, line.length() - 1).split("(?<!\\\\)\\|"));
            }
        }
        return rows;
    }

    /** The code spans of a table cell, with Markdown's escaped pipes restored. */
    private static List<String> codes(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            out.add(m.group(1).replace("\\|", "|"));
        }
        return out;
    }
}
