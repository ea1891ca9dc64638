package io.jdirs.index;

import io.jdirs.InvalidDataException;
import io.jdirs.format.KeyCodec;
import io.jdirs.store.Store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.jdirs.format.Names.join;

/**
 * A declared index: the nodes directly under {@code folder} (a database-relative directory, as on disk),
 * ordered by the values of {@code attributes} (keys), optionally unique. Its files are in
 * {@code .jdirs/indexes/<name>/} (docs/FORMAT.md, "Indexes"); the definition is the file {@code index}:
 *
 * <pre>
 * jdirs index 1
 * folder	users
 * attribute	age
 * unique	false
 * </pre>
 */
public final class IndexDef {
    public static final String DIR = Store.META + "/indexes";
    static final String HEADER = "jdirs index 1";

    private final String folder;
    private final List<String> attributes;
    private final boolean unique;
    private final String name;

    /** @throws IllegalArgumentException if there is no attribute, one twice, or the name would be too long */
    public IndexDef(String folder, List<String> attributes, boolean unique) {
        this.folder = folder;
        this.attributes = List.copyOf(attributes);
        this.unique = unique;
        if (this.attributes.isEmpty()) {
            throw new IllegalArgumentException("an index needs at least one attribute");
        }
        if (this.attributes.stream().distinct().count() != this.attributes.size()) {
            throw new IllegalArgumentException("an index names an attribute twice: " + attributes);
        }
        try {
            this.name = KeyCodec.encode(folder + "@" + String.join("+", this.attributes));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the index on " + folder + " by " + attributes + " has too long a name");
        }
    }

    /** The folder's database-relative directory, as on disk. */
    public String folder() {
        return folder;
    }

    public List<String> attributes() {
        return attributes;
    }

    public boolean unique() {
        return unique;
    }

    /** The directory name of the index: the folder and attributes, escaped as a key is ({@code users@age}). */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexDef d && d.folder.equals(folder) && d.attributes.equals(attributes) && d.unique == unique;
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** The keys from the root to the folder. */
    public List<String> folderKeys() {
        List<String> keys = new ArrayList<>();
        if (!folder.isEmpty()) {
            for (String name : folder.split("/")) {
                keys.add(KeyCodec.decode(name));
            }
        }
        return keys;
    }

    /** The database-relative directory holding the index's files. */
    public String dir() {
        return join(DIR, name());
    }

    /** The definition file's content. */
    public byte[] text() {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        b.append("folder\t").append(folder).append('\n');
        for (String a : attributes) {
            b.append("attribute\t").append(KeyCodec.encode(a)).append('\n');
        }
        b.append("unique\t").append(unique).append('\n');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a definition file. */
    public static IndexDef parse(byte[] content, String path) {
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !lines[0].strip().equals(HEADER)) {
            throw new InvalidDataException(path, "the first line is not \"" + HEADER + "\"");
        }
        String folder = null;
        Boolean unique = null;
        List<String> attributes = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            int tab = line.indexOf('\t');
            String field = tab < 0 ? line : line.substring(0, tab);
            String value = tab < 0 ? "" : line.substring(tab + 1);
            switch (field) {
                case "" -> { }
                case "folder" -> folder = value;
                case "attribute" -> attributes.add(KeyCodec.decode(value));
                case "unique" -> unique = value.equals("true") ? Boolean.TRUE : value.equals("false") ? Boolean.FALSE : null;
                default -> throw new InvalidDataException(path, "line " + (i + 1) + ": \"" + field
                        + "\" is not folder, attribute or unique");
            }
        }
        if (folder == null || attributes.isEmpty() || unique == null) {
            throw new InvalidDataException(path, "a definition needs a folder line, attribute lines and a unique line "
                    + "(true or false)");
        }
        try {
            return new IndexDef(folder, attributes, unique);
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(path, e.getMessage());
        }
    }

    /** How messages and explain name it: {@code users(age)}, {@code users(email) unique}. */
    @Override
    public String toString() {
        return (folder.isEmpty() ? "." : folder) + "(" + String.join(", ", attributes) + ")" + (unique ? " unique" : "");
    }
}
