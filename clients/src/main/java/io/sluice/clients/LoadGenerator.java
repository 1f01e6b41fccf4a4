package io.sluice.clients;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/**
 * Generates analytics events shaped like a mobile and web app's: {@code id} (a UUID), {@code
 * timestamp} (RFC 3339, UTC), {@code ip}, {@code user_id}, {@code platform}, {@code app_version},
 * {@code type} and a {@code properties} object that depends on the type. Each event is 300 to 350
 * bytes of compact JSON.
 *
 * <p>Deterministic: the same seed and start time give the same events, byte for byte. Event time
 * starts at {@code start} and advances by a random gap averaging {@code meanGap}, independent of
 * the wall clock. A fixed population of users, each with a stable platform, app version and
 * address, sends the events; some users are much more active than others. Not thread-safe.
 */
public final class LoadGenerator {
    public static final int MIN_EVENT_BYTES = 300;
    public static final int MAX_EVENT_BYTES = 350;
    public static final Instant DEFAULT_START = Instant.parse("2025-01-15T00:00:00Z");
    public static final Duration DEFAULT_MEAN_GAP = Duration.ofMillis(10);
    public static final int DEFAULT_USERS = 10_000;

    /** Event types and their share in percent. */
    private static final String[] TYPES = {
        "page_view",
        "click",
        "login",
        "search",
        "add_to_cart",
        "purchase",
        "account_created",
        "logout",
        "share"
    };

    private static final int[] TYPE_PERCENT = {40, 22, 8, 7, 6, 4, 5, 4, 4};

    private static final String[] FIRST_NAMES = {
        "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
        "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter",
                "yusuf"
    };
    private static final String[] LAST_NAMES = {
        "smith", "jones", "garcia", "miller", "davis", "lopez", "wilson", "moore", "taylor",
        "thomas", "martin", "lee", "walker", "hall", "young", "king"
    };
    private static final String[] PLATFORMS = {"ios", "android", "web"};
    private static final int[] PLATFORM_PERCENT = {40, 35, 25};
    private static final String[] PAGES = {
        "/",
        "/home",
        "/pricing",
        "/products",
        "/products/widgets",
        "/products/gadgets",
        "/cart",
        "/checkout",
        "/account",
        "/help/getting-started",
        "/blog/2025/launch",
        "/search"
    };
    private static final String[] REFERRERS = {
        "https://www.google.com/", "https://duckduckgo.com/", "https://news.ycombinator.com/",
        "https://www.reddit.com/r/analytics/", "https://twitter.com/", "direct"
    };
    private static final String[] ELEMENTS = {
        "buy_button",
        "signup_button",
        "nav_menu",
        "search_box",
        "product_card",
        "banner_ad",
        "footer_link"
    };
    private static final String[] QUERIES = {
        "wireless headphones",
        "running shoes",
        "coffee grinder",
        "usb c cable",
        "desk lamp",
        "backpack",
        "phone case",
        "water bottle"
    };
    private static final String[] LOGIN_METHODS = {"password", "google", "apple", "magic_link"};
    private static final String[] SIGNUP_METHODS = {"email", "google", "apple"};
    private static final String[] CAMPAIGNS = {"WINTER2025", "SPRING2025", "REFERRAL", "NONE"};
    private static final String[] PRODUCTS = {"free", "basic", "premium", "team"};
    private static final String[] PAYMENT_METHODS = {"card", "paypal", "apple_pay", "google_pay"};
    private static final String[] CHANNELS = {"twitter", "facebook", "email", "copy_link"};
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final String TRACE_FIELD = ",\"trace_id\":\"";
    private static final int MIN_TRACE_DIGITS = 8;

    private final Random random;
    private final User[] users;
    private final long meanGapMillis;
    private long nowMillis;
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedTimestamp;
    private final StringBuilder json = new StringBuilder(MAX_EVENT_BYTES + 64);
    private final StringBuilder properties = new StringBuilder(MAX_EVENT_BYTES);

    /** Events from {@link #DEFAULT_START}, 10 ms apart on average, by 10,000 users. */
    public LoadGenerator(long seed) {
        this(seed, DEFAULT_START, DEFAULT_MEAN_GAP, DEFAULT_USERS);
    }

    public LoadGenerator(long seed, Instant start, Duration meanGap, int userCount) {
        requireNonNull(start, "start is null");
        requireNonNull(meanGap, "meanGap is null");
        if (meanGap.isNegative()) {
            throw new IllegalArgumentException("meanGap must not be negative: " + meanGap);
        }
        if (userCount < 1) {
            throw new IllegalArgumentException("userCount must be positive: " + userCount);
        }
        this.random = new Random(seed);
        this.nowMillis = start.toEpochMilli();
        this.meanGapMillis = meanGap.toMillis();
        this.users = new User[userCount];
        for (int i = 0; i < userCount; i++) {
            users[i] = newUser(i + 1);
        }
    }

    /** The next event as UTF-8 (plain ASCII) JSON bytes. */
    public byte[] next() {
        return nextString().getBytes(US_ASCII);
    }

    /** The next event as a JSON string. */
    public String nextString() {
        if (meanGapMillis > 0) {
            nowMillis += (long) (random.nextDouble() * 2 * meanGapMillis);
        }
        // Squaring a uniform draw favours low indexes: a few users send most events.
        double draw = random.nextDouble();
        User user = users[(int) (draw * draw * users.length)];
        String type = TYPES[pick(TYPE_PERCENT)];

        properties.setLength(0);
        appendProperties(type);
        json.setLength(0);
        json.append("{\"id\":\"");
        appendUuid();
        json.append("\",\"timestamp\":\"").append(timestamp());
        json.append("\",\"ip\":\"").append(user.ip());
        json.append("\",\"user_id\":\"").append(user.id());
        json.append("\",\"platform\":\"").append(user.platform());
        json.append("\",\"app_version\":\"").append(user.appVersion());
        json.append("\",\"type\":\"").append(type);
        json.append("\",\"properties\":{").append(properties);
        // Pad with a trace id so that sizes spread over the whole range whatever the type.
        int target = MIN_EVENT_BYTES + random.nextInt(MAX_EVENT_BYTES - MIN_EVENT_BYTES + 1);
        int room = target - json.length() - 2;
        int overhead = TRACE_FIELD.length() + 1;
        if (room >= overhead + MIN_TRACE_DIGITS) {
            appendTrace(room - overhead);
        } else if (json.length() + 2 < MIN_EVENT_BYTES) {
            appendTrace(MIN_TRACE_DIGITS);
        }
        json.append("}}");
        return json.toString();
    }

    private void appendTrace(int digits) {
        json.append(TRACE_FIELD);
        appendHex(digits);
        json.append('"');
    }

    private void appendProperties(String type) {
        switch (type) {
            case "page_view" -> {
                field("page", choose(PAGES));
                field("referrer", choose(REFERRERS));
                number("duration_ms", 200 + random.nextInt(60_000));
            }
            case "click" -> {
                field("element", choose(ELEMENTS));
                field("page", choose(PAGES));
                number("x", random.nextInt(1920));
                number("y", random.nextInt(1080));
            }
            case "login" -> {
                field("method", choose(LOGIN_METHODS));
                bool("success", random.nextInt(20) != 0);
            }
            case "search" -> {
                field("query", choose(QUERIES));
                number("results", random.nextInt(500));
            }
            case "add_to_cart" -> {
                field("product_id", "SKU-" + (10_000 + random.nextInt(90_000)));
                number("quantity", 1 + random.nextInt(4));
                price("price", 1 + random.nextInt(20_000));
                field("currency", "USD");
            }
            case "purchase" -> {
                field("order_id", "ORD-" + (1_000_000 + random.nextInt(9_000_000)));
                price("amount", 100 + random.nextInt(100_000));
                field("currency", "USD");
                number("items", 1 + random.nextInt(6));
                field("payment_method", choose(PAYMENT_METHODS));
            }
            case "account_created" -> {
                field("signup_method", choose(SIGNUP_METHODS));
                field("campaign_id", choose(CAMPAIGNS));
                field("product", choose(PRODUCTS));
            }
            case "logout" -> number("session_duration_s", 5 + random.nextInt(7200));
            case "share" -> {
                field("channel", choose(CHANNELS));
                field("content_id", "post-" + random.nextInt(100_000));
            }
            default -> throw new IllegalStateException("Unknown event type " + type);
        }
        separator();
        properties.append("\"session_id\":\"");
        for (int i = 0; i < 16; i++) {
            properties.append(HEX[random.nextInt(16)]);
        }
        properties.append('"');
    }

    private void field(String name, String value) {
        separator();
        properties.append('"').append(name).append("\":\"").append(value).append('"');
    }

    private void number(String name, long value) {
        separator();
        properties.append('"').append(name).append("\":").append(value);
    }

    private void price(String name, int cents) {
        separator();
        properties.append('"').append(name).append("\":").append(cents / 100).append('.');
        int fraction = cents % 100;
        properties.append(fraction < 10 ? "0" : "").append(fraction);
    }

    private void bool(String name, boolean value) {
        separator();
        properties.append('"').append(name).append("\":").append(value);
    }

    private void separator() {
        if (properties.length() > 0) {
            properties.append(',');
        }
    }

    private void appendUuid() {
        // A version 4 (random) UUID drawn from the seeded generator.
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        appendHex(most >>> 32, 8);
        json.append('-');
        appendHex(most >>> 16, 4);
        json.append('-');
        appendHex(most, 4);
        json.append('-');
        appendHex(least >>> 48, 4);
        json.append('-');
        appendHex(least, 12);
    }

    private void appendHex(long value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            json.append(HEX[(int) (value >>> shift) & 0xF]);
        }
    }

    private void appendHex(int digits) {
        for (int i = 0; i < digits; i++) {
            json.append(HEX[random.nextInt(16)]);
        }
    }

    private String timestamp() {
        long second = Math.floorDiv(nowMillis, 1000);
        if (second != cachedSecond) {
            cachedSecond = second;
            cachedTimestamp =
                    DateTimeFormatter.ISO_INSTANT.format(
                            Instant.ofEpochSecond(second).truncatedTo(ChronoUnit.SECONDS));
        }
        return cachedTimestamp;
    }

    private User newUser(int number) {
        // The user's number keeps ids unique however many users there are.
        String id = choose(FIRST_NAMES) + "_" + choose(LAST_NAMES) + number;
        String platform = PLATFORMS[pick(PLATFORM_PERCENT)];
        String appVersion =
                platform.equals("web")
                        ? "v2." + random.nextInt(5)
                        : "v1." + (8 + random.nextInt(6));
        String ip =
                (11 + random.nextInt(212))
                        + "."
                        + random.nextInt(256)
                        + "."
                        + random.nextInt(256)
                        + "."
                        + (1 + random.nextInt(254));
        return new User(id, platform, appVersion, ip);
    }

    private String choose(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private int pick(int[] percentages) {
        int draw = random.nextInt(100);
        for (int i = 0; i < percentages.length; i++) {
            draw -= percentages[i];
            if (draw < 0) {
                return i;
            }
        }
        return percentages.length - 1;
    }

    private record User(String id, String platform, String appVersion, String ip) {}
}
