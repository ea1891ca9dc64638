/**
 * The on-disk format as pure functions, with no I/O: how keys become file names and back
 * ({@link io.jdirs.format.KeyCodec}, {@link io.jdirs.format.Names}, {@link io.jdirs.format.NodePath}),
 * and how values become file contents and back ({@link io.jdirs.format.Codec}, {@link io.jdirs.format.Json}).
 * docs/FORMAT.md is the specification this package implements.
 */
package io.jdirs.format;
