package io.jdirs.bench;

/** The baseline of the whole-process row: a JVM that prints a line and exits. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
