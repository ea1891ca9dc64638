/**
 * Storage: every file operation jdirs performs goes through {@link io.jdirs.store.FileLayer}, so tests
 * can fail or tear any single one; {@link io.jdirs.store.Store} turns a database directory into listings
 * and file contents, and I/O errors into {@link io.jdirs.StorageException}s naming the path.
 */
package io.jdirs.store;
