package io.jdirs.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FileOpsTest {
    @Test
    void countsTheCallsOfTheMarkingThreadBetweenItsMarkers() {
        List<String> trace = List.of(
                "10 openat(AT_FDCWD, \"/usr/lib/jvm/lib/modules\", O_RDONLY) = 3",
                "10 openat(AT_FDCWD, \"/db/.jdirs/lock\", O_RDWR|O_CREAT, 0666) = 15",
                "10 access(\"/jdirs-probe/begin/update\", F_OK) = -1 ENOENT (No such file or directory)",
                "10 pread64(3, \"\\312\\376\"..., 518, 9101881) = 518",
                "11 openat(AT_FDCWD, \"/sys/fs/cgroup/cpu.max\", O_RDONLY) = 18",
                "10 fcntl(15, F_SETLK, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=1}) = 0",
                "10 fcntl(16, F_GETFL) = 0x8000 (flags O_RDONLY|O_LARGEFILE)",
                "10 openat(AT_FDCWD, \"/db/.jdirs/journal\", O_WRONLY|O_CREAT|O_APPEND, 0666 <unfinished ...>",
                "11 close(18) = 0",
                "10 <... openat resumed>) = 18",
                "10 write(18, \"JR\\0\\0\"..., 68) = 68",
                "10 fsync(18) = 0",
                "10 rename(\"/db/u/.a.3.tmp\", \"/db/u/a\") = 0",
                "10 statx(AT_FDCWD, \"/db/u\", AT_STATX_SYNC_AS_STAT, STATX_ALL, {}) = 0",
                "10 access(\"/jdirs-probe/end/update\", F_OK) = -1 ENOENT (No such file or directory)",
                "10 fsync(18) = 0");
        Map<String, Map<String, Integer>> counts = FileOps.count(trace);
        assertThat(counts).containsOnlyKeys("update");
        assertThat(counts.get("update")).containsEntry("open", 1).containsEntry("write", 1).containsEntry("fsync", 1)
                .containsEntry("rename", 1).containsEntry("stat", 1).containsEntry("lock", 1).containsEntry("read", 0);
        assertThat(FileOps.total(counts.get("update"))).isEqualTo(6);
    }
}
