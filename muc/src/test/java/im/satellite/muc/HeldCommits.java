package im.satellite.muc;

import im.satellite.muc.store.ArchiveStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** Holds the archive's appends back while closed. */
public final class HeldCommits {
    private volatile CountDownLatch latch = new CountDownLatch(0);
    public ArchiveStore store;

    public void close() {
        latch = new CountDownLatch(1);
    }

    public void open() {
        latch.countDown();
    }

    public ArchiveStore wrap(ArchiveStore s) {
        store = s;
        return new ArchiveStore() {
            @Override
            public void append(List<Row> rows) {
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                s.append(rows);
            }

            @Override
            public Optional<Long> seq(String room, String id) {
                return s.seq(room, id);
            }

            @Override
            public List<Stored> page(Filter f, int limit, boolean last) {
                return s.page(f, limit, last);
            }

            @Override
            public long count(Filter f) {
                return s.count(f);
            }

            @Override
            public List<Row> recent(String room, Instant notBefore, int max) {
                return s.recent(room, notBefore, max);
            }

            @Override
            public boolean retract(String room, String id, String tombstone) {
                return s.retract(room, id, tombstone);
            }

            @Override
            public void deleteRoom(String room) {
                s.deleteRoom(room);
            }

            @Override
            public int deleteUnstored(String domain) {
                return s.deleteUnstored(domain);
            }

            @Override
            public int purge(Instant before) {
                return s.purge(before);
            }
        };
    }
}
