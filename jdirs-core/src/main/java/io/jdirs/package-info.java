/**
 * jdirs: an embedded object database whose storage is plain directories and text files.
 *
 * <p>Start with {@link io.jdirs.Database#open}; a {@link io.jdirs.Node} is a directory and behaves like a
 * dictionary of attributes (files) and child nodes (directories); {@link io.jdirs.Database#read} and
 * {@link io.jdirs.Database#write} run transactions. This is the only exported package.
 */
package io.jdirs;
