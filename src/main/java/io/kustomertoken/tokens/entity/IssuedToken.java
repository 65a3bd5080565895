package io.kustomertoken.tokens.entity;

import io.kustomertoken.identity.entity.Identity;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A signed token and what the app needs to know about it: which identity Kustomer will use (to
 * pass to {@code isLoggedIn}) and when Kustomer stops accepting it.
 */
public record IssuedToken(String token, Identity identity, Instant issuedAt, Instant expiresAt) {

    /**
     * The answer's JSON text, written directly: a JSON-P object tree and its writer cost three
     * times the signature itself (see the README's Performance section). Only the identity's
     * value comes from a caller; the token is Base64url and dots, the rest are our own words.
     */
    public String toJSON() {
        String value = identity.valueKustomerUses();
        StringBuilder json = new StringBuilder(token.length() + value.length() + 140);
        json.append("{\"token\":\"").append(token)
                .append("\",\"identity\":{\"claim\":\"").append(identity.claimKustomerUses())
                .append("\",\"value\":");
        appendQuoted(json, value);
        json.append("},\"issuedAt\":\"");
        appendInstant(json, issuedAt);
        json.append("\",\"expiresAt\":\"");
        appendInstant(json, expiresAt);
        return json.append("\"}").toString();
    }

    // What Instant.toString() writes for a whole second of years 0-9999 (all a token has), without
    // its formatter's allocations; anything else goes through toString().
    private static void appendInstant(StringBuilder json, Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (instant.getNano() != 0 || utc.getYear() < 0 || utc.getYear() > 9999) {
            json.append(instant);
            return;
        }
        appendDigits(json, utc.getYear(), 4).append('-');
        appendDigits(json, utc.getMonthValue(), 2).append('-');
        appendDigits(json, utc.getDayOfMonth(), 2).append('T');
        appendDigits(json, utc.getHour(), 2).append(':');
        appendDigits(json, utc.getMinute(), 2).append(':');
        appendDigits(json, utc.getSecond(), 2).append('Z');
    }

    private static StringBuilder appendDigits(StringBuilder json, int value, int width) {
        for (int divisor = (int) Math.pow(10, width - 1); divisor > 0; divisor /= 10) {
            json.append((char) ('0' + value / divisor % 10));
        }
        return json;
    }

    // RFC 8259 string escaping; U+2028 and U+2029 too, so that the text is also valid JavaScript.
    private static void appendQuoted(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    @Override
    public String toString() {
        return "IssuedToken[token=(hidden), identity=" + identity + ", issuedAt=" + issuedAt
                + ", expiresAt=" + expiresAt + "]";
    }
}
