/**
 * Secondary indexes as files: an index's definition ({@link io.jdirs.index.IndexDef}), its entries in
 * order ({@link io.jdirs.index.IndexEntry}) in leaf files listed by a manifest ({@link io.jdirs.index.Leaves}),
 * and {@link io.jdirs.index.IndexWriter}, which turns a commit's index changes into file operations of
 * the same commit. docs/FORMAT.md ("Indexes") specifies the files.
 */
package io.jdirs.index;
