package io.jdirs.bench;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The naive store: one file {@code users/<id>.json} per user, written with Jackson to a temporary
 * file, fsynced, renamed over the old one, and the directory fsynced. Each file is durable on its own;
 * a write of several users is not atomic. Writers of one user are serialized by a lock stripe. There is
 * no index: queries are a {@link FullScan}.
 */
final class JsonFilesStore implements FullScan {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Path users;
    private final Object[] stripes = new Object[64];

    JsonFilesStore(Path dir) {
        users = dir.resolve("users");
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
        try {
            Files.createDirectories(users);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void insert(Map<String, User> batch) {
        batch.forEach(this::write);
    }

    @Override
    public User read(String id) {
        try {
            return JSON.readValue(Files.readAllBytes(file(id)), User.class);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void setScore(String id, double score) {
        addScore(id, 0, score);
    }

    @Override
    public void transfer(String from, String to1, String to2, double amount) {
        addScore(from, 1, -amount);
        addScore(to1, 1, amount / 2);
        addScore(to2, 1, amount / 2);
    }

    /** Sets a user's score to {@code keep} times it plus {@code add}. */
    private void addScore(String id, int keep, double add) {
        synchronized (stripe(id)) {
            User u = read(id);
            write(id, u.withScore(keep * u.score() + add));
        }
    }

    @Override
    public void scan(BiConsumer<String, User> each) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(users, "*.json")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String id = name.substring(0, name.length() - ".json".length());
                each.accept(id, read(id));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String id, User user) {
        Path tmp = users.resolve("." + id + ".json." + Thread.currentThread().getId() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(JSON.writeValueAsBytes(user));
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.move(tmp, file(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(users, StandardOpenOption.READ)) {
                d.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String id) {
        return users.resolve(id + ".json");
    }

    private Object stripe(String id) {
        return stripes[Math.floorMod(id.hashCode(), stripes.length)];
    }

    @Override
    public void close() {
    }
}
