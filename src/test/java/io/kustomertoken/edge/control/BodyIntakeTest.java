package io.kustomertoken.edge.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustomertoken.edge.control.BodyIntake.Next;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BodyIntakeTest {

    private static final int LIMIT = 32;

    @Test
    void keepsWhatArrivesUntilTheStreamEnds() {
        BodyIntake intake = new BodyIntake(LIMIT, -1, false);
        assertEquals(Next.MORE, intake.take(bytes("{\"email\""), 8));
        assertEquals(Next.MORE, intake.take(bytes(":\"a@b.c\"}xx"), 9));
        assertArrayEquals(bytes("{\"email\":\"a@b.c\"}"), intake.body());
        assertTrue(intake.reading());
    }

    @Test
    void isWholeAtItsDeclaredLengthWhenTheStreamNeverEnds() {
        BodyIntake intake = new BodyIntake(LIMIT, 4, true);
        assertEquals(Next.MORE, intake.take(bytes("{}"), 2));
        assertEquals(Next.WHOLE, intake.take(bytes("{}"), 2));
    }

    @Test
    void waitsForTheStreamsEndWhenItEnds() {
        BodyIntake intake = new BodyIntake(LIMIT, 2, false);
        assertEquals(Next.MORE, intake.take(bytes("{}"), 2), "whole only at onAllDataRead");
    }

    @Test
    void isTooLargeAtTheLimitAndKeepsNoMore() {
        BodyIntake intake = new BodyIntake(LIMIT, -1, false);
        assertEquals(Next.MORE, intake.take(new byte[LIMIT - 1], LIMIT - 1));
        assertEquals(Next.TOO_LARGE, intake.take(new byte[100], 100));
        assertEquals(LIMIT, intake.body().length);
    }

    @Test
    void throwsAwayWhatArrivesAfterARefusal() {
        BodyIntake intake = new BodyIntake(LIMIT, -1, false);
        intake.take(bytes("ab"), 2);
        assertTrue(intake.refusing());
        assertEquals(Next.DISCARDED, intake.take(bytes("cd"), 2));
        assertArrayEquals(bytes("ab"), intake.body());
        assertTrue(intake.reading(), "a refused body is read to its end");
    }

    @Test
    void aDispatchIsDueOnceThenDoneOnce() {
        BodyIntake intake = new BodyIntake(LIMIT, -1, false);
        assertFalse(intake.dispatching(), "not before it is due");
        assertTrue(intake.dispatchDue());
        assertFalse(intake.reading());
        assertFalse(intake.dispatchDue());
        assertFalse(intake.refusing(), "a late body's timer finds it due and does nothing");
        assertFalse(intake.ending(), "onAllDataRead after the dispatch is due ends nothing");
        assertTrue(intake.dispatching());
        assertFalse(intake.dispatching());
    }

    @Test
    void aRefusalEndsOnceAndAllowsNoDispatch() {
        BodyIntake intake = new BodyIntake(LIMIT, -1, false);
        assertTrue(intake.refusing());
        assertFalse(intake.refusing());
        assertFalse(intake.dispatchDue());
        assertTrue(intake.ending());
        assertFalse(intake.ending());
        assertFalse(intake.reading());
    }

    @Test
    void aCallerWhoLeftEndsTheWaitAndNothingElseHappens() {
        BodyIntake intake = new BodyIntake(LIMIT, -1, false);
        assertTrue(intake.ending());
        assertFalse(intake.dispatchDue());
        assertFalse(intake.refusing());
        assertFalse(intake.dispatching());
        assertFalse(intake.reading());
    }

    @Property
    void keepsExactlyTheFirstBytesUpToTheLimit(@ForAll @Size(max = 12) List<@Size(max = 9) List<Byte>> chunks,
            @ForAll @IntRange(min = 1, max = 40) int limit) {
        BodyIntake intake = new BodyIntake(limit, -1, false);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        boolean tooLarge = false;
        for (List<Byte> chunk : chunks) {
            byte[] data = new byte[chunk.size() + 3];
            for (int i = 0; i < chunk.size(); i++) {
                data[i] = chunk.get(i);
            }
            Next next = intake.take(data, chunk.size());
            sent.write(data, 0, chunk.size());
            if (next == Next.TOO_LARGE) {
                tooLarge = true;
                break;
            }
            assertEquals(Next.MORE, next);
        }
        byte[] all = sent.toByteArray();
        assertEquals(all.length >= limit, tooLarge);
        byte[] expected = new byte[Math.min(all.length, limit)];
        System.arraycopy(all, 0, expected, 0, expected.length);
        assertArrayEquals(expected, intake.body());
    }

    // The late-body timer, the last read callback and the container's error race for the one outcome.
    @RepeatedTest(50)
    void exactlyOneOfRacingMovesWins() throws Exception {
        BodyIntake intake = new BodyIntake(LIMIT, -1, false);
        List<BooleanSupplier> moves = List.of(intake::refusing, intake::dispatchDue, intake::ending,
                intake::refusing, intake::dispatchDue, intake::ending);
        ExecutorService threads = Executors.newFixedThreadPool(moves.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (BooleanSupplier move : moves) {
                results.add(threads.submit(() -> {
                    start.await();
                    return move.getAsBoolean();
                }));
            }
            start.countDown();
            int[] won = new int[3];
            for (int i = 0; i < results.size(); i++) {
                won[i % 3] += results.get(i).get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            int refused = won[0];
            int due = won[1];
            int ended = won[2];
            assertTrue(refused <= 1 && due <= 1 && ended <= 1, "each move once at most");
            // Exactly one first move: a refusal (which its end may follow), a dispatch, or the end.
            assertEquals(1, refused + due + (refused == 0 ? ended : 0), "refused, due, ended: " + refused + due + ended);
            assertFalse(intake.dispatchDue() || intake.refusing());
        } finally {
            threads.shutdownNow();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
