package io.kustomertoken.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * HTTP/2 over a plain socket with prior knowledge (h2c, RFC 9113 section 3.3), written by hand so
 * that a test can do what no client library lets it: open a stream, send part of its body and
 * stall. Only what such tests need: headers go out as HPACK literals without Huffman coding, and
 * of the answers only the DATA of each stream and whether the stream ended are kept.
 */
public final class CleartextHttp2 implements Closeable {

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0x0, HEADERS = 0x1, RST_STREAM = 0x3, SETTINGS = 0x4, PING = 0x6, GOAWAY = 0x7;
    private static final int END_STREAM = 0x1, ACK = 0x1, END_HEADERS = 0x4, PADDED = 0x8;

    private final Socket socket;
    private final OutputStream out;
    private final Map<Integer, ByteArrayOutputStream> bodies = new ConcurrentHashMap<>();
    private final Map<Integer, String> ended = new ConcurrentHashMap<>();
    private final AtomicReference<String> closedBecause = new AtomicReference<>();
    private final Thread reader;
    private int nextStream = 1;

    public CleartextHttp2(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(60_000);
        out = socket.getOutputStream();
        synchronized (this) {
            out.write(PREFACE);
            frame(SETTINGS, 0, 0, new byte[0]);
            out.flush();
        }
        reader = new Thread(this::readFrames, "h2c-reader-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a stream: its headers, then {@code bodyPart} without ending the stream. Its id. */
    public synchronized int openStalled(Map<String, String> headers, byte[] bodyPart) throws IOException {
        int stream = nextStream;
        nextStream += 2;
        frame(HEADERS, END_HEADERS, stream, hpackLiterals(headers));
        frame(DATA, 0, stream, bodyPart);
        out.flush();
        return stream;
    }

    /** The pseudo-headers of a request, then {@code more} (lower-case names), in order. */
    public static Map<String, String> request(String method, String authority, String path, Map<String, String> more) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":method", method);
        headers.put(":scheme", "http");
        headers.put(":authority", authority);
        headers.put(":path", path);
        headers.putAll(more);
        return headers;
    }

    /** How the stream ended ("end" or "reset"), or null while it is open. */
    public String ending(int stream) {
        return ended.get(stream);
    }

    /** The DATA the server sent on the stream so far, as UTF-8. */
    public String body(int stream) {
        ByteArrayOutputStream body = bodies.get(stream);
        return body == null ? "" : body.toString(StandardCharsets.UTF_8);
    }

    /** Why the server ended the connection (GOAWAY, end of stream, an error), or null. */
    public String closedBecause() {
        return closedBecause.get();
    }

    public boolean isOpen() {
        return closedBecause.get() == null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            reader.join(5_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void readFrames() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7fffffff;
                byte[] payload = in.readNBytes(length);
                if (payload.length < length) {
                    throw new EOFException("a frame cut short");
                }
                switch (type) {
                    case DATA -> {
                        int padding = (flags & PADDED) != 0 ? payload[0] & 0xff : 0;
                        int start = (flags & PADDED) != 0 ? 1 : 0;
                        bodies.computeIfAbsent(stream, s -> new ByteArrayOutputStream())
                                .write(payload, start, payload.length - start - padding);
                        endIf(flags, stream);
                    }
                    case HEADERS -> endIf(flags, stream);
                    case RST_STREAM -> ended.put(stream, "reset");
                    case SETTINGS -> {
                        if ((flags & ACK) == 0) {
                            send(SETTINGS, ACK, 0, new byte[0]);
                        }
                    }
                    case PING -> {
                        if ((flags & ACK) == 0) {
                            send(PING, ACK, 0, payload);
                        }
                    }
                    case GOAWAY -> closedBecause.compareAndSet(null, "GOAWAY");
                    default -> {
                        // WINDOW_UPDATE, PRIORITY, CONTINUATION: nothing these tests look at.
                    }
                }
            }
        } catch (EOFException end) {
            closedBecause.compareAndSet(null, "closed by the server");
        } catch (SocketTimeoutException quiet) {
            closedBecause.compareAndSet(null, "no frame for 60 s");
        } catch (IOException failure) {
            closedBecause.compareAndSet(null, String.valueOf(failure));
        }
    }

    private void endIf(int flags, int stream) {
        if ((flags & END_STREAM) != 0) {
            ended.putIfAbsent(stream, "end");
        }
    }

    private synchronized void send(int type, int flags, int stream, byte[] payload) throws IOException {
        frame(type, flags, stream, payload);
        out.flush();
    }

    private void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
                (byte) type, (byte) flags,
                (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream});
        out.write(payload);
    }

    // RFC 7541 6.2.2: literal header field without indexing, new name, no Huffman coding.
    private static byte[] hpackLiterals(Map<String, String> headers) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        headers.forEach((name, value) -> {
            block.write(0x00);
            string(block, name);
            string(block, value);
        });
        return block.toByteArray();
    }

    private static void string(ByteArrayOutputStream block, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // RFC 7541 5.1: a 7-bit prefix, then 7 bits a byte.
        int length = bytes.length;
        if (length < 127) {
            block.write(length);
        } else {
            block.write(127);
            length -= 127;
            while (length >= 128) {
                block.write((length & 0x7f) | 0x80);
                length >>>= 7;
            }
            block.write(length);
        }
        block.writeBytes(bytes);
    }
}
