package io.jdirs.journal;

import io.jdirs.format.Value;

import static io.jdirs.format.Names.join;

/**
 * One file operation of a commit, on the entry {@code name} of the database-relative directory
 * {@code dir}. A commit is a list of them, in an order that is correct to apply one after the other;
 * all but {@link Stage} and {@link Place} set their entry to a state whatever it was, so applying them
 * again gives the same result.
 */
public sealed interface Op permits Op.Write, Op.Delete, Op.Mkdir, Op.RmTree, Op.Stage, Op.Place {
    String dir();

    String name();

    default String path() {
        return join(dir(), name());
    }

    /** The change as the change log names it: create, write, delete, mkdir, rmtree, movefrom or moveto. */
    default String kind() {
        if (this instanceof Write w) {
            return w.created() ? "create" : "write";
        } else if (this instanceof Delete) {
            return "delete";
        } else if (this instanceof Mkdir) {
            return "mkdir";
        } else if (this instanceof RmTree) {
            return "rmtree";
        }
        return this instanceof Stage ? "movefrom" : "moveto";
    }

    /** The file holds {@code value}; {@code created}: no file had that name before the commit. */
    record Write(String dir, String name, Value value, boolean created) implements Op {
    }

    /** The file is gone. */
    record Delete(String dir, String name) implements Op {
    }

    /** The directory exists. */
    record Mkdir(String dir, String name) implements Op {
    }

    /** The directory and everything under it are gone. */
    record RmTree(String dir, String name) implements Op {
    }

    /** The directory is moved out of the tree, to slot {@code slot} of the commit's staging directory. */
    record Stage(String dir, String name, int slot) implements Op {
    }

    /** The directory in slot {@code slot} of the commit's staging directory is moved to this entry. */
    record Place(int slot, String dir, String name) implements Op {
    }
}
