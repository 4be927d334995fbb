package im.satellite.bench.muc;

import im.satellite.bench.ResultTable;
import java.util.List;

final class EndToEndBench {
    private EndToEndBench() {
    }

    static ResultTable run(Settings s, List<String> servers, int clients, int rooms, long messages, int window) {
        return new ResultTable("todo", List.of("x"));
    }
}
