// Memory of the per-caller limits (README "Limits per caller"): fills TokenBuckets with three
// times KEYS distinct keys of about LENGTH characters and prints the heap they keep after GC.
// Run from the project root after a build:
//   java -Xmx2g -XX:+UseSerialGC -cp target/classes src/bench/limits/LimitMemory.java 100000 40
import io.kustomertoken.limits.control.TokenBuckets;

public class LimitMemory {
    public static void main(String[] args) throws Exception {
        int keys = Integer.parseInt(args[0]);
        int keyLength = Integer.parseInt(args[1]);
        long before = used();
        TokenBuckets buckets = new TokenBuckets(keys, System::nanoTime);
        String pad = "x".repeat(Math.max(0, keyLength - 30));
        for (int i = 0; i < keys * 3; i++) {
            buckets.take("customer:name:" + pad + String.format("%016d", i), 20);
        }
        long after = used();
        System.out.printf("keys kept %d of %d offered, key length %d chars: %.1f MB, %d bytes a key%n",
                buckets.size(), keys * 3, 14 + pad.length() + 16, (after - before) / 1e6, (after - before) / buckets.size());
    }

    static long used() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
