package im.satellite.irc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectGateTest {
    @Test
    void runsUpToTheLimitAtOnceAndTheRestInOrderAsPlacesAreReleased() {
        ConnectGate gate = new ConnectGate(2);
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            gate.enter(() -> ran.add(n));
        }
        assertEquals(List.of(0, 1), ran);
        assertEquals(2, gate.inFlight());
        assertEquals(3, gate.waiting());
        gate.release();
        assertEquals(List.of(0, 1, 2), ran);
        assertEquals(2, gate.inFlight());
        gate.release();
        gate.release();
        assertEquals(List.of(0, 1, 2, 3, 4), ran);
        assertEquals(0, gate.waiting());
        gate.release();
        gate.release();
        assertEquals(0, gate.inFlight());
        gate.enter(() -> ran.add(5));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), ran);
        assertEquals(1, gate.inFlight());
    }

    @Test
    void unlimitedRunsEverythingAtOnce() {
        ConnectGate gate = ConnectGate.unlimited();
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            gate.enter(() -> ran.add(n));
        }
        assertEquals(100, ran.size());
    }

    @Test
    void refusesALimitBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectGate(0));
    }
}
