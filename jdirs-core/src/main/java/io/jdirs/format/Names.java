package io.jdirs.format;

import io.jdirs.Type;

/**
 * File names of entries: a child node's directory is named by its escaped key; an attribute's file
 * by its escaped key plus the type suffix ({@code age.int}). A string attribute has no suffix, except
 * when its escaped key contains a dot: then it ends in {@code .str}, so that the last dot of a file
 * name always separates a known type suffix, or is part of the key.
 */
public final class Names {
    private Names() {
    }

    /** The parsed name of a file: its key and type. */
    public record Parsed(String key, Type type) {
    }

    /** The directory name of a child node. */
    public static String node(String key) {
        return KeyCodec.encode(key);
    }

    /** The file name of an attribute. */
    public static String attribute(String key, Type type) {
        String name = KeyCodec.encode(key);
        if (type == Type.STRING) {
            return name.indexOf('.') >= 0 ? name + ".str" : name;
        }
        return name + "." + type.suffix();
    }

    /**
     * The key and type a regular file's name stands for: a known suffix after the last dot gives the
     * type; otherwise the whole name is the key of a string.
     */
    public static Parsed file(String name) {
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            Type type = Type.ofSuffix(name.substring(dot + 1));
            if (type != null) {
                return new Parsed(KeyCodec.decode(name.substring(0, dot)), type);
            }
        }
        return new Parsed(KeyCodec.decode(name), Type.STRING);
    }

    /** Joins a database-relative directory path and a name ({@code ""} is the root). */
    public static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }
}
